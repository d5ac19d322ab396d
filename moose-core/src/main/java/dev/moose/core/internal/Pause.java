package dev.moose.core.internal;

import dev.moose.core.MooseException;

/** The one way this project waits between two looks at something it awaits (a server starting, a lock, a mutation). */
public final class Pause {

    private Pause() {
    }

    /**
     * Sleeps, keeping the thread's interrupt: an interrupted wait stops with a {@link MooseException} saying what
     * was awaited.
     */
    public static void sleep(long millis, String awaiting) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MooseException("Interrupted while waiting for " + awaiting);
        }
    }
}
