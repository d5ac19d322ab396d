package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.model.ModelTree;
import dev.moose.core.model.SqlResource;
import java.util.List;

/** Runs a SQL resource's teardown statements, in order. */
public record DropSqlResource(SqlResource resource) implements Operation {

    static final OperationType<DropSqlResource> TYPE = new OperationType<>("DropSqlResource", DropSqlResource.class,
            new Execution(DataEffect.UNCHECKED, Resume.JOURNAL), f -> new DropSqlResource(f.resource()));

    @Override
    public void writeFields(FieldWriter out) {
        out.putAll(ModelTree.sqlResource(resource));
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.dropped("SQL Resource: " + resource.displayName());
    }

    @Override
    public void record(ResourceLedger ledger) {
        ledger.removed(resource.key());
    }

    @Override
    public List<String> render(RenderContext context) {
        return resource.teardown();
    }

    @Override
    public InfraMap apply(InfraMap state) {
        if (!state.sqlResources().containsKey(resource.key())) {
            throw new PlanException(name() + ": there is no SQL resource " + resource.displayName());
        }
        return state.withoutSqlResource(resource.key());
    }

    /** Teardown statements are the user's own SQL: they may drop anything. */

    @Override
    public String destructiveReason() {
        boolean drops = resource.teardown().stream()
                .anyMatch(s -> s.toUpperCase(java.util.Locale.ROOT).matches("(?s).*\\b(DROP|TRUNCATE|DELETE)\\b.*"));
        return drops ? "the teardown of SQL resource " + resource.displayName() + " drops or deletes" : "";
    }

    @Override
    public String describe() {
        return "tear down SQL resource " + resource.displayName() + " (" + resource.teardown().size() + " statements)";
    }
}
