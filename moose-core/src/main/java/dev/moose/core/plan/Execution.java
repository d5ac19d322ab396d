package dev.moose.core.plan;

/**
 * How an operation runs: what it does to the rows already stored, and how a run that stopped finds out whether it
 * ran.
 */
public record Execution(DataEffect effect, Resume resume) {

    /** Metadata only, seen in the schema: most DDL. */
    static final Execution METADATA = new Execution(DataEffect.METADATA, Resume.SCHEMA);
    /** A mutation, seen in the schema: a column type changed or dropped, a TTL. */
    static final Execution MUTATION = new Execution(DataEffect.MUTATION, Resume.SCHEMA);

    /** True when it can start mutations, which the next operation must not run beside: the run waits for them. */
    public boolean mayStartMutations() {
        return effect == DataEffect.MUTATION || effect == DataEffect.WRITE || effect == DataEffect.UNCHECKED;
    }
}
