package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
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
        String keyword = context.capabilities().has(Feature.DROP_VIEW) ? "DROP VIEW " : "DROP TABLE ";
        return List.of(keyword + Sql.qualified(database, viewName) + new TableRef(viewName, database, cluster).onCluster());
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
