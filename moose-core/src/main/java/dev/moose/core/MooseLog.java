package dev.moose.core;

import java.io.PrintStream;

/**
 * The only way moose-core talks to a person. The Maven plugin adapts it to Maven's log; tests and
 * applications can use {@link #console()} or {@link #silent()}.
 */
public interface MooseLog {

    void info(String message);

    void warn(String message);

    void error(String message);

    void debug(String message);

    default boolean isDebugEnabled() {
        return false;
    }

    /** Discards everything. */
    static MooseLog silent() {
        return new MooseLog() {
            @Override public void info(String message) { }
            @Override public void warn(String message) { }
            @Override public void error(String message) { }
            @Override public void debug(String message) { }
        };
    }

    /** Writes to standard output (info) and standard error (warnings and errors); debug is dropped. */
    static MooseLog console() {
        return new MooseLog() {
            private final PrintStream out = System.out;
            private final PrintStream err = System.err;
            @Override public void info(String message) { out.println(message); }
            @Override public void warn(String message) { err.println("WARNING: " + message); }
            @Override public void error(String message) { err.println("ERROR: " + message); }
            @Override public void debug(String message) { }
        };
    }
}
