package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableIndex;
import dev.moose.core.version.Feature;
import java.util.ArrayList;
import java.util.List;

/** {@code DROP INDEX}: only the index, never data. */
public record DropTableIndex(TableRef table, String indexName) implements Operation {

    static final OperationType<DropTableIndex> TYPE = new OperationType<>("DropTableIndex", DropTableIndex.class,
            Execution.METADATA, f -> {
                TableRef t = f.ref();
                return new DropTableIndex(t, f.text("index_name"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("index_name", indexName);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.other(table.key(), "- index " + indexName);
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of(table.alter("DROP INDEX " + Sql.quoteIdentifier(indexName)));
    }

    @Override
    public List<Feature> requires() {
        return List.of(Feature.SKIPPING_INDEX);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        Table t = table.in(state, name());
        List<TableIndex> indexes = new ArrayList<>(t.indexes());
        if (!indexes.removeIf(i -> i.name().equals(indexName))) {
            throw new PlanException(name() + ": table " + table.displayName() + " has no index " + indexName);
        }
        return state.withTable(t.withIndexes(indexes));
    }

    @Override
    public String describe() {
        return "drop index " + indexName + " from " + table.displayName();
    }
}
