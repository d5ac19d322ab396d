package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.model.ModelTree;
import dev.moose.core.model.View;
import java.util.List;

/** {@code CREATE VIEW v [ON CLUSTER c] AS select}. */
public record CreateView(View view, String cluster) implements Operation {

    static final OperationType<CreateView> TYPE = new OperationType<>("CreateView",
            CreateView.class, Execution.METADATA,
            f -> new CreateView(new View(f.text("name"), f.optText("database"), f.selectSql(), f.lifeCycle()), f.cluster()));

    public CreateView {
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
    }

    public CreateView(View view) {
        this(view, null);
    }

    @Override
    public void writeFields(FieldWriter out) {
        out.putAll(ModelTree.view(view));
        out.putIf("cluster", cluster);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.added("View: " + view.displayName());
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of("CREATE VIEW " + new TableRef(view.name(), view.database(), cluster).target() + " AS " + CreateMaterializedView.onEveryHost(view.select(), cluster, context));
    }

    @Override
    public InfraMap apply(InfraMap state) {
        if (state.views().containsKey(view.key())) {
            throw new PlanException(name() + ": view " + view.displayName() + " already exists");
        }
        return state.withView(view);
    }

    @Override
    public String describe() {
        return "create view " + view.displayName();
    }
}
