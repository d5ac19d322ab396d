package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.ModelTree;
import java.util.List;

/** {@code CREATE MATERIALIZED VIEW mv TO target AS select}; {@code cluster} from the target table. */
public record CreateMaterializedView(MaterializedView view, String cluster) implements Operation {

    static final OperationType<CreateMaterializedView> TYPE = new OperationType<>("CreateMaterializedView",
            CreateMaterializedView.class, Execution.METADATA,
            f -> {
                MaterializedView v = new MaterializedView(f.text("name"), f.optText("database"), f.text("target_table"),
                        f.optText("target_database"), f.selectSql(), f.lifeCycle());
                return new CreateMaterializedView(v, f.optText("cluster"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.putAll(ModelTree.materializedView(view));
        out.putIf("cluster", cluster);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.added("Materialized View: " + view.displayName());
    }

    public CreateMaterializedView {
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of("CREATE MATERIALIZED VIEW " + view.qualifiedName() + new TableRef(view.name(), view.database(), cluster).onCluster()
                + " TO " + target(context) + " AS " + onEveryHost(view.select(), cluster, context));
    }

    private String target(RenderContext context) {
        if (cluster == null || view.targetDatabase() != null || context.connectionDatabase().isEmpty()) {
            return view.qualifiedTarget();
        }
        return dev.moose.core.internal.sql.Sql.qualified(context.connectionDatabase().get(), view.targetTable());
    }

    /** A view's SELECT as every host of its cluster reads it: tables named with the connection's database. */
    static String onEveryHost(String select, String cluster, RenderContext context) {
        return cluster == null || context.connectionDatabase().isEmpty() ? select
                : dev.moose.core.internal.sql.Sql.qualifyTables(select, context.connectionDatabase().get());
    }

    @Override
    public InfraMap apply(InfraMap state) {
        if (state.materializedViews().containsKey(view.key())) {
            throw new PlanException(name() + ": materialized view " + view.displayName() + " already exists");
        }
        if (!state.tables().containsKey(view.targetKey())) {
            throw new PlanException(name() + " " + view.displayName() + ": its target table " + view.targetKey()
                    + " does not exist at this point of the plan; create it first");
        }
        return state.withMaterializedView(view);
    }

    @Override
    public String describe() {
        return "create materialized view " + view.displayName() + " writing to " + view.targetKey();
    }
}
