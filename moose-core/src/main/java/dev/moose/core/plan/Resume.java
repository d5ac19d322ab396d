package dev.moose.core.plan;

/** How a run that stopped inside or after an operation finds out whether it ran, and finishes it. */
public enum Resume {
    /** The live schema shows whether it ran; a stopped attempt is started again from its first statement. */
    SCHEMA,
    /**
     * The schema shows its first statement (an ADD); its last ones (MATERIALIZE) leave no trace, so it is journaled
     * as started and those run again when a stopped run may have skipped them.
     */
    SCHEMA_THEN_UNSEEN,
    /**
     * The schema cannot show it (raw SQL, a backfill, a SQL resource, a database): each statement is journaled before
     * it is sent, and the next run continues at the statement it was sending.
     */
    JOURNAL
}
