package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.version.Feature;
import java.util.List;

/** {@code DROP TABLE}: the table and all its data. */
public record DropTable(TableRef table) implements Operation {

    static final OperationType<DropTable> TYPE = new OperationType<>("DropTable", DropTable.class,
            Execution.METADATA, f -> new DropTable(f.ref()));

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.headline(table.key(), "- Table: " + table.displayName());
    }

    @Override
    public List<String> render(RenderContext context) {
        boolean replicated = context.state() != null && context.state().table(table.key())
                .map(t -> t.engine().isReplicated()).orElse(false);
        // A replicated table's Keeper path outlives a plain drop for a while; SYNC waits so it can be reused.
        String sync = replicated && context.capabilities().has(Feature.DROP_SYNC) ? " SYNC" : "";
        return List.of("DROP TABLE " + table.target() + sync);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        table.in(state, name());
        return state.withoutTable(table.key());
    }

    @Override
    public String destructiveReason() {
        return "drops table " + table.displayName() + " and all its data";
    }

    @Override
    public String describe() {
        return "drop table " + table.displayName();
    }
}
