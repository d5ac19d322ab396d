package dev.moose.core.plan;

/**
 * What an operation is to {@code plan.yaml}: its tag, its class and how it is read from its fields. Each operation
 * declares its own ({@code TYPE}); {@link Operations} lists them.
 */
record OperationType<T extends Operation>(String tag, Class<T> type, Reading<T> reader) {

    /** Reads one operation from its fields, each error located in the file. */
    @FunctionalInterface
    interface Reading<T> {
        T read(PlanReader.Fields fields);
    }
}
