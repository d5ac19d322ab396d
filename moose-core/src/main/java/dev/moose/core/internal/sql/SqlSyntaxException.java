package dev.moose.core.internal.sql;

import dev.moose.core.MooseException;

/** SQL text we could not read, with the position of the problem shown under the text. */
public final class SqlSyntaxException extends MooseException {

    private static final long serialVersionUID = 1L;

    private final int position;

    public SqlSyntaxException(String problem, String text, int position) {
        super(problem + " at position " + (position + 1) + "\n  " + text + "\n  " + " ".repeat(Math.max(0, position)) + "^");
        this.position = position;
    }

    /** Zero-based offset of the problem in the text. */
    public int position() {
        return position;
    }
}
