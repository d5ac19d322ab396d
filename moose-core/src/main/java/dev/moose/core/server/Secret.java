package dev.moose.core.server;

import java.util.Objects;

/**
 * A password or token. Its {@code toString()} never shows the value, so a record or message that holds one
 * cannot leak it by accident; {@link #reveal()} is the only way out and is called only where the request to
 * the server needs the value.
 */
public final class Secret {

    private static final Secret EMPTY = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? EMPTY : new Secret(value);
    }

    public static Secret empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** The value itself: hand it to the request to the server, never to a log, a file or an exception. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "" : "****";
    }
}
