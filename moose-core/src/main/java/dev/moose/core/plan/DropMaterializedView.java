package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import java.util.List;

/**
 * Drops a materialized view (not its target table): {@code DROP VIEW}, or {@code DROP TABLE} on servers before
 * 20.4. Inserts into its sources stop reaching the target until it is created again.
 */
public record DropMaterializedView(String viewName, String database, String cluster) implements Operation {

    static final OperationType<DropMaterializedView> TYPE = new OperationType<>("DropMaterializedView",
            DropMaterializedView.class, Execution.METADATA,
            f -> new DropMaterializedView(f.text("name"), f.optText("database"), f.optText("cluster")));

    @Override
    public void writeFields(FieldWriter out) {
        out.put("name", viewName);
        out.putIf("database", database);
        out.putIf("cluster", cluster);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.dropped("Materialized View: " + new TableRef(viewName, database, null).displayName());
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of(DropView.statement(new TableRef(viewName, database, cluster), context));
    }

    @Override
    public InfraMap apply(InfraMap state) {
        String key = InfraMap.key(database, viewName);
        if (!state.materializedViews().containsKey(key)) {
            throw new PlanException(name() + ": there is no materialized view " + key);
        }
        return state.withoutMaterializedView(key);
    }

    @Override
    public String describe() {
        return "drop materialized view " + InfraMap.key(database, viewName);
    }
}
