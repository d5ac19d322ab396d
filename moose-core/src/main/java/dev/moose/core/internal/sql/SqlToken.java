package dev.moose.core.internal.sql;

/** One token of ClickHouse SQL, with its place in the text it came from. */
public record SqlToken(Kind kind, String text, int start) {

    public enum Kind {
        /** A bare word: identifier, keyword or function name. */
        WORD,
        /** An identifier in backticks or double quotes; {@link #text()} is the raw quoted form. */
        QUOTED_IDENTIFIER,
        /** A numeric literal as written. */
        NUMBER,
        /** A string literal in single quotes; {@link #text()} is the raw quoted form. */
        STRING,
        /** Punctuation and operators: {@code ( ) [ ] , . + - -> = == != <> <= >= ||} … */
        SYMBOL
    }

    public boolean is(String symbolOrWord) {
        return (kind == Kind.SYMBOL && text.equals(symbolOrWord))
                || (kind == Kind.WORD && text.equalsIgnoreCase(symbolOrWord));
    }

    public boolean isWord() {
        return kind == Kind.WORD;
    }

    /** The identifier this token names: bare words as written, quoted identifiers unquoted. */
    public String identifier() {
        return kind == Kind.QUOTED_IDENTIFIER ? Sql.unquoteIdentifier(text) : text;
    }

    public int end() {
        return start + text.length();
    }
}
