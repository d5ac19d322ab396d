package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.model.MaterializedView;
import java.util.List;

/** {@code CREATE MATERIALIZED VIEW mv TO target AS select}; {@code cluster} from the target table. */
public record CreateMaterializedView(MaterializedView view, String cluster) implements Operation {

    public CreateMaterializedView {
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of("CREATE MATERIALIZED VIEW " + view.qualifiedName() + new TableRef(view.name(), view.database(), cluster).onCluster()
                + " TO " + view.qualifiedTarget() + " AS " + view.select());
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
    public boolean isDestructive() {
        return false;
    }

    @Override
    public String describe() {
        return "create materialized view " + view.displayName() + " writing to " + view.targetKey();
    }
}
