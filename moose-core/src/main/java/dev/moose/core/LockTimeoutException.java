package dev.moose.core;

/** Another run held the migration lock for longer than this run would wait; nothing was run. */
public final class LockTimeoutException extends MooseException {

    private static final long serialVersionUID = 1L;

    public LockTimeoutException(String message) {
        super(message);
    }
}
