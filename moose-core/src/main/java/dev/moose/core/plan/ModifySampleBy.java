package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import dev.moose.core.version.Feature;
import java.util.List;

/** {@code MODIFY SAMPLE BY expression} (ClickHouse 20.8 or later). */
public record ModifySampleBy(TableRef table, String expression) implements Operation {

    static final OperationType<ModifySampleBy> TYPE = new OperationType<>("ModifySampleBy", ModifySampleBy.class,
            Execution.METADATA, f -> {
                TableRef t = f.ref();
                return new ModifySampleBy(t, f.text("expression"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("expression", expression);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.other(table.key(), "SAMPLE BY " + expression);
    }

    public ModifySampleBy {
        expression = Sql.tidy(expression);
        if (expression == null) {
            throw new PlanException("ModifySampleBy on " + table.displayName() + " needs an expression");
        }
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of(table.alter("MODIFY SAMPLE BY " + expression));
    }

    @Override
    public List<Feature> requires() {
        return List.of(Feature.MODIFY_SAMPLE_BY);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        return state.withTable(table.in(state, name()).withSampleBy(expression));
    }

    @Override
    public String describe() {
        return "sample " + table.displayName() + " by " + expression;
    }
}
