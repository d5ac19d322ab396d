package dev.moose.core;

/**
 * An operation of the plan failed: the server refused one of its statements, or a mutation it started failed or
 * did not finish. The operations before it are applied and recorded; migrate resumes at it.
 */
public final class OperationFailedException extends MooseException {

    private static final long serialVersionUID = 1L;

    private final int operation;
    private final int statementsRun;

    public OperationFailedException(String message, int operation, int statementsRun, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.statementsRun = statementsRun;
    }

    /** The failed operation, from 0. */
    public int operation() {
        return operation;
    }

    /** How many of its statements ran before it failed. */
    public int statementsRun() {
        return statementsRun;
    }
}
