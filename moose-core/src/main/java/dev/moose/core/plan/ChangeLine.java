package dev.moose.core.plan;

/**
 * What an operation adds to the change log people read: a line under its table (the headline, a column change or
 * another change), an object added or dropped, or a line at the top or the end.
 */
public record ChangeLine(Kind kind, String key, String text) {

    public enum Kind {
        TABLE_HEADLINE, TABLE_COLUMN, TABLE_OTHER, OBJECT_ADDED, OBJECT_DROPPED, FIRST, LAST
    }

    static ChangeLine headline(String table, String text) {
        return new ChangeLine(Kind.TABLE_HEADLINE, table, text);
    }

    static ChangeLine column(String table, String text) {
        return new ChangeLine(Kind.TABLE_COLUMN, table, text);
    }

    static ChangeLine other(String table, String text) {
        return new ChangeLine(Kind.TABLE_OTHER, table, text);
    }

    static ChangeLine added(String object) {
        return new ChangeLine(Kind.OBJECT_ADDED, object, object);
    }

    static ChangeLine dropped(String object) {
        return new ChangeLine(Kind.OBJECT_DROPPED, object, object);
    }

    static ChangeLine first(String text) {
        return new ChangeLine(Kind.FIRST, "", text);
    }

    static ChangeLine last(String text) {
        return new ChangeLine(Kind.LAST, "", text);
    }
}
