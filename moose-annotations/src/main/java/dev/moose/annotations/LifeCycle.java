package dev.moose.annotations;

/** How much of a table's (or view's) life the migrations may manage. */
public enum LifeCycle {
    /** Created, altered and dropped as the code says. The default. */
    FULLY_MANAGED,
    /** Created and altered, never dropped: neither the table nor any of its columns. */
    DELETION_PROTECTED,
    /** Owned by someone else (another service, a CDC pipeline): never created, altered or dropped. */
    EXTERNALLY_MANAGED
}
