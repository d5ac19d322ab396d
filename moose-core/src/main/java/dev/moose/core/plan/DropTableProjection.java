package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableProjection;
import dev.moose.core.version.Feature;
import java.util.ArrayList;
import java.util.List;

/** {@code DROP PROJECTION}: only the projection's parts, never the table's data. */
public record DropTableProjection(TableRef table, String projectionName) implements Operation {

    static final OperationType<DropTableProjection> TYPE = new OperationType<>("DropTableProjection",
            DropTableProjection.class, Execution.METADATA,
            f -> {
                TableRef t = f.ref();
                return new DropTableProjection(t, f.text("projection_name"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("projection_name", projectionName);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.other(table.key(), "- projection " + projectionName);
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of(table.alter("DROP PROJECTION " + Sql.quoteIdentifier(projectionName)));
    }

    @Override
    public List<Feature> requires() {
        return List.of(Feature.PROJECTION);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        Table t = table.in(state, name());
        List<TableProjection> projections = new ArrayList<>(t.projections());
        if (!projections.removeIf(p -> p.name().equals(projectionName))) {
            throw new PlanException(name() + ": table " + table.displayName() + " has no projection " + projectionName);
        }
        return state.withTable(t.withProjections(projections));
    }

    @Override
    public String describe() {
        return "drop projection " + projectionName + " from " + table.displayName();
    }
}
