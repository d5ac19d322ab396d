package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.ModelTree;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableIndex;
import dev.moose.core.version.Feature;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ADD INDEX}, then, when {@code materialize}, {@code MATERIALIZE INDEX} so existing parts get it too (a
 * mutation: the executor waits for it).
 */
public record AddTableIndex(TableRef table, TableIndex index, boolean materialize) implements Operation {

    static final OperationType<AddTableIndex> TYPE = new OperationType<>("AddTableIndex", AddTableIndex.class,
            new Execution(DataEffect.MUTATION, Resume.SCHEMA_THEN_UNSEEN), f -> {
                TableRef t = f.ref();
                TableIndex index = f.index("index");
                return new AddTableIndex(t, index, f.bool("materialize", true));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("index", ModelTree.index(index));
        out.put("materialize", materialize);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.other(table.key(), "+ index " + index.name() + " " + index.type());
    }

    @Override
    public Execution execution() {
        // without MATERIALIZE, adding it changes metadata only
        return materialize ? TYPE.execution() : new Execution(DataEffect.METADATA, Resume.SCHEMA_THEN_UNSEEN);
    }

    @Override
    public List<String> render(RenderContext context) {
        List<String> out = new ArrayList<>();
        out.add(table.alter("ADD " + index.definition()));
        if (materialize && context.capabilities().has(Feature.MATERIALIZE_INDEX)) {
            out.add(table.alter("MATERIALIZE INDEX " + Sql.quoteIdentifier(index.name())));
        }
        return out;
    }

    @Override
    public List<Feature> requires() {
        return List.of(Feature.SKIPPING_INDEX);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        Table t = table.in(state, name());
        if (t.indexes().stream().anyMatch(i -> i.name().equals(index.name()))) {
            throw new PlanException(name() + ": table " + table.displayName() + " already has an index " + index.name());
        }
        List<TableIndex> indexes = new ArrayList<>(t.indexes());
        indexes.add(index);
        return state.withTable(t.withIndexes(indexes));
    }

    @Override
    public String describe() {
        return "add index " + index.name() + " (" + index.type() + ") to " + table.displayName();
    }
}
