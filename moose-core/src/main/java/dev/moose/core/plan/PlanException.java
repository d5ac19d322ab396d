package dev.moose.core.plan;

import dev.moose.core.MooseException;

/** A plan that cannot be read, simulated or run as written; the message says where and why. */
public final class PlanException extends MooseException {

    private static final long serialVersionUID = 1L;

    public PlanException(String message) {
        super(message);
    }
}
