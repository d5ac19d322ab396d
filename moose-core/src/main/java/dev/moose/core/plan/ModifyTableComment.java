package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import dev.moose.core.version.Feature;
import java.util.List;

/** {@code MODIFY COMMENT 'text'} (reliable from ClickHouse 23.9). */
public record ModifyTableComment(TableRef table, String before, String after) implements Operation {

    static final OperationType<ModifyTableComment> TYPE = new OperationType<>("ModifyTableComment",
            ModifyTableComment.class, Execution.METADATA,
            f -> {
                TableRef t = f.ref();
                return new ModifyTableComment(t, f.optText("before"), f.optText("after"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("before", before);
        out.put("after", after);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.other(table.key(), "comment: '" + after + "'");
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of(table.alter("MODIFY COMMENT " + Sql.quoteString(after == null ? "" : after)));
    }

    @Override
    public List<Feature> requires() {
        return List.of(Feature.MODIFY_COMMENT);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        return state.withTable(table.in(state, name()).withComment(after));
    }

    @Override
    public String describe() {
        return "set the comment of " + table.displayName();
    }
}
