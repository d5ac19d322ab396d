package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.model.ModelTree;
import dev.moose.core.model.View;
import java.util.List;

/** {@code CREATE VIEW v AS select}. */
public record CreateView(View view) implements Operation {

    static final OperationType<CreateView> TYPE = new OperationType<>("CreateView",
            CreateView.class, Execution.METADATA,
            f -> new CreateView(new View(f.text("name"), f.optText("database"), f.selectSql(), f.lifeCycle())));

    @Override
    public void writeFields(FieldWriter out) {
        out.putAll(ModelTree.view(view));
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.added("View: " + view.displayName());
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of("CREATE VIEW " + view.qualifiedName() + " AS " + view.select());
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
