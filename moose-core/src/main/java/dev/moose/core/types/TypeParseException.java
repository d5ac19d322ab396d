package dev.moose.core.types;

import dev.moose.core.MooseException;

/** A type text that is not a valid ClickHouse type, with the position of the problem marked under the text. */
public final class TypeParseException extends MooseException {

    private static final long serialVersionUID = 1L;

    private final String typeText;
    private final int position;
    private final String problem;

    public TypeParseException(String typeText, int position, String problem) {
        super("Invalid ClickHouse type '" + typeText + "': " + problem + " at position " + (position + 1)
                + "\n  " + typeText + "\n  " + " ".repeat(Math.max(0, Math.min(position, typeText.length()))) + "^");
        this.typeText = typeText;
        this.position = position;
        this.problem = problem;
    }

    public String typeText() {
        return typeText;
    }

    /** Zero-based offset of the problem in the text. */
    public int position() {
        return position;
    }

    /** The problem alone, without the text and marker. */
    public String problem() {
        return problem;
    }
}
