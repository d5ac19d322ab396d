package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.model.ModelTree;
import dev.moose.core.model.SqlResource;
import java.util.List;

/** Runs a SQL resource's setup statements, in order; the state registry then remembers its definition. */
public record CreateSqlResource(SqlResource resource) implements Operation {

    static final OperationType<CreateSqlResource> TYPE = new OperationType<>("CreateSqlResource",
            CreateSqlResource.class, new Execution(DataEffect.UNCHECKED, Resume.JOURNAL),
            f -> new CreateSqlResource(f.resource()));

    @Override
    public void writeFields(FieldWriter out) {
        out.putAll(ModelTree.sqlResource(resource));
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.added("SQL Resource: " + resource.displayName());
    }

    @Override
    public void record(ResourceLedger ledger) {
        ledger.added(resource);
    }

    @Override
    public List<String> render(RenderContext context) {
        return resource.setup();
    }

    @Override
    public InfraMap apply(InfraMap state) {
        if (state.sqlResources().containsKey(resource.key())) {
            throw new PlanException(name() + ": SQL resource " + resource.displayName() + " already exists");
        }
        return state.withSqlResource(resource);
    }

    @Override
    public String describe() {
        return "set up SQL resource " + resource.displayName() + " (" + resource.setup().size() + " statements)";
    }
}
