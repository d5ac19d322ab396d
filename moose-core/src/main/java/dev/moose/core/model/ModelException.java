package dev.moose.core.model;

import dev.moose.core.MooseException;

/** An invalid model object; the message names the object (table, column, view …) and the problem. */
public final class ModelException extends MooseException {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }
}
