package dev.moose.core.plan;

/**
 * What a kind of operation is: its {@code plan.yaml} tag, its class, how it runs ({@link Execution}; one operation may
 * refine it from its fields) and how it is read from its fields. Each operation declares its own ({@code TYPE});
 * {@link Operations} lists them.
 */
record OperationType<T extends Operation>(String tag, Class<T> type, Execution execution, Reading<T> reader) {

    /** Reads one operation from its fields, each error located in the file. */
    @FunctionalInterface
    interface Reading<T> {
        T read(PlanReader.Fields fields);
    }
}
