package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.version.Feature;
import java.util.List;

/** Drops a view: {@code DROP VIEW}, or {@code DROP TABLE} on servers before 20.4. A view holds no data. */
public record DropView(String viewName, String database, String cluster) implements Operation {

    static final OperationType<DropView> TYPE = new OperationType<>("DropView", DropView.class,
            Execution.METADATA, f -> new DropView(f.text("name"), f.optText("database"), f.cluster()));

    public DropView {
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
    }

    public DropView(String viewName, String database) {
        this(viewName, database, null);
    }

    @Override
    public void writeFields(FieldWriter out) {
        out.put("name", viewName);
        out.putIf("database", database);
        out.putIf("cluster", cluster);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.dropped("View: " + new TableRef(viewName, database, null).displayName());
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of(statement(new TableRef(viewName, database, cluster), context));
    }

    /** {@code DROP VIEW v [ON CLUSTER c]}, or {@code DROP TABLE} before 20.4: views and materialized views alike. */
    static String statement(TableRef view, RenderContext context) {
        return (context.capabilities().has(Feature.DROP_VIEW) ? "DROP VIEW " : "DROP TABLE ") + view.target();
    }

    @Override
    public InfraMap apply(InfraMap state) {
        String key = InfraMap.key(database, viewName);
        if (!state.views().containsKey(key)) {
            throw new PlanException(name() + ": there is no view " + key);
        }
        return state.withoutView(key);
    }

    @Override
    public String describe() {
        return "drop view " + InfraMap.key(database, viewName);
    }
}
