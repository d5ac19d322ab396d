package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import dev.moose.core.version.Feature;
import java.util.List;

/** {@code MODIFY TTL expr}, or {@code REMOVE TTL} when {@code after} is {@code null}. */
public record ModifyTableTtl(TableRef table, String before, String after) implements Operation {

    static final OperationType<ModifyTableTtl> TYPE = new OperationType<>("ModifyTableTtl", ModifyTableTtl.class,
            Execution.MUTATION, f -> {
                TableRef t = f.ref();
                return new ModifyTableTtl(t, f.optText("before"), f.optText("after"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("before", before);
        out.put("after", after);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.other(table.key(), "TTL: " + before + " -> " + after);
    }

    public ModifyTableTtl {
        before = Sql.tidy(before);
        after = Sql.tidy(after);
    }

    @Override
    public List<String> render(RenderContext context) {
        if (after == null) {
            if (!context.capabilities().has(Feature.REMOVE_TTL)) {
                throw new PlanException("cannot remove the TTL of " + table.displayName() + " on ClickHouse " + context.version()
                        + ": REMOVE TTL needs " + Feature.REMOVE_TTL.since());
            }
            return List.of(table.alter("REMOVE TTL"));
        }
        return List.of(table.alter("MODIFY TTL " + after));
    }

    @Override
    public List<Feature> requires() {
        return List.of(after == null ? Feature.REMOVE_TTL : Feature.MODIFY_TTL);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        return state.withTable(table.in(state, name()).withTtl(after));
    }

    /** A new or shorter TTL deletes rows that are already older than it. */

    @Override
    public String destructiveReason() {
        return after == null ? "" : "rows of " + table.displayName() + " older than the new TTL (" + after + ") are deleted";
    }

    @Override
    public String describe() {
        return after == null ? "remove the TTL of " + table.displayName() : "set the TTL of " + table.displayName() + " to " + after;
    }
}
