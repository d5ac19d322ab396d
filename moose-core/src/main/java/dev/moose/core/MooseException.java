package dev.moose.core;

/**
 * Base of every exception moose-core throws on purpose. Unchecked: callers either map it to a build failure
 * (the Maven plugin) or let it propagate (an application migrating itself at start-up).
 *
 * <p>{@link #isUserFixable()} separates outcomes the user can fix by changing code, configuration or the
 * database (a declaration error, drift, a wrong password) from unexpected ones (I/O failures, bugs).
 */
public class MooseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean userFixable;

    public MooseException(String message) {
        this(message, null, true);
    }

    public MooseException(String message, Throwable cause) {
        this(message, cause, true);
    }

    protected MooseException(String message, Throwable cause, boolean userFixable) {
        super(message, cause);
        this.userFixable = userFixable;
    }

    /** An unexpected failure (I/O, a bug): not something the user's configuration can fix. */
    public static MooseException internal(String message, Throwable cause) {
        return new MooseException(message, cause, false);
    }

    /** True when changing code, configuration or the database fixes the problem. */
    public boolean isUserFixable() {
        return userFixable;
    }
}
