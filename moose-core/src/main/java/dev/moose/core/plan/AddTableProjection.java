package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.ModelTree;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableProjection;
import dev.moose.core.version.Feature;
import java.util.ArrayList;
import java.util.List;

/** {@code ADD PROJECTION}, then, when {@code materialize}, {@code MATERIALIZE PROJECTION} for existing parts. */
public record AddTableProjection(TableRef table, TableProjection projection, boolean materialize) implements Operation {

    static final OperationType<AddTableProjection> TYPE = new OperationType<>("AddTableProjection",
            AddTableProjection.class, new Execution(DataEffect.MUTATION, Resume.SCHEMA_THEN_UNSEEN),
            f -> {
                TableRef t = f.ref();
                TableProjection projection = f.projection("projection");
                return new AddTableProjection(t, projection, f.bool("materialize", true));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("projection", ModelTree.projection(projection));
        out.put("materialize", materialize);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.other(table.key(), "+ projection " + projection.name());
    }

    @Override
    public Execution execution() {
        // without MATERIALIZE, adding it changes metadata only
        return materialize ? TYPE.execution() : new Execution(DataEffect.METADATA, Resume.SCHEMA_THEN_UNSEEN);
    }

    @Override
    public List<String> render(RenderContext context) {
        List<String> out = new ArrayList<>();
        out.add(table.alter("ADD " + projection.definition()));
        if (materialize) {
            out.add(table.alter("MATERIALIZE PROJECTION " + Sql.quoteIdentifier(projection.name())));
        }
        return out;
    }

    @Override
    public List<Feature> requires() {
        return List.of(Feature.PROJECTION);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        Table t = table.in(state, name());
        if (t.projections().stream().anyMatch(p -> p.name().equals(projection.name()))) {
            throw new PlanException(name() + ": table " + table.displayName() + " already has a projection " + projection.name());
        }
        List<TableProjection> projections = new ArrayList<>(t.projections());
        projections.add(projection);
        return state.withTable(t.withProjections(projections));
    }

    @Override
    public String describe() {
        return "add projection " + projection.name() + " to " + table.displayName();
    }
}
