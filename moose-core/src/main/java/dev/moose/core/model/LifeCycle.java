package dev.moose.core.model;

/** How much of an object's life migrations manage (see {@code dev.moose.annotations.LifeCycle}). */
public enum LifeCycle {
    FULLY_MANAGED,
    DELETION_PROTECTED,
    EXTERNALLY_MANAGED;

    /** True when migrations may drop the object or its columns. */
    public boolean allowsDrop() {
        return this == FULLY_MANAGED;
    }

    /** True when migrations may create or alter the object. */
    public boolean allowsChange() {
        return this != EXTERNALLY_MANAGED;
    }
}
