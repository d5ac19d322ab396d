package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.version.Feature;
import java.util.List;

/** {@code REMOVE SAMPLE BY} (ClickHouse 21.11 or later). */
public record RemoveSampleBy(TableRef table) implements Operation {

    static final OperationType<RemoveSampleBy> TYPE = new OperationType<>("RemoveSampleBy", RemoveSampleBy.class,
            Execution.METADATA, f -> new RemoveSampleBy(f.ref()));

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.other(table.key(), "no SAMPLE BY");
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of(table.alter("REMOVE SAMPLE BY"));
    }

    @Override
    public List<Feature> requires() {
        return List.of(Feature.REMOVE_SAMPLE_BY);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        return state.withTable(table.in(state, name()).withSampleBy(null));
    }

    @Override
    public String describe() {
        return "remove the sampling key of " + table.displayName();
    }
}
