package dev.moose.core.plan;

/** What an operation does to the data already stored, for reviewers and reports. */
public enum DataEffect {
    /** Changes metadata only: instant whatever the table's size. */
    METADATA,
    /** Starts a mutation: the server rewrites parts in the background, the run waits for it. */
    MUTATION,
    /** Copies the table into a new one. */
    REWRITE,
    /** Writes rows (a backfill). */
    WRITE,
    /** Runs SQL as written: what it does cannot be checked. */
    UNCHECKED
}
