package dev.moose.core.model;

import dev.moose.core.internal.sql.Sql;
import java.util.Objects;

/** A column's {@code DEFAULT}, {@code MATERIALIZED}, {@code ALIAS} or {@code EPHEMERAL} expression. */
public record ColumnDefault(Kind kind, String expression) {

    public enum Kind {
        DEFAULT, MATERIALIZED, ALIAS, EPHEMERAL
    }

    public ColumnDefault {
        Objects.requireNonNull(kind, "kind");
        expression = Sql.tidy(expression);
        if (expression == null && kind != Kind.EPHEMERAL) {
            throw new ModelException(kind + " needs an expression");
        }
    }

    public static ColumnDefault of(Kind kind, String expression) {
        return new ColumnDefault(kind, expression);
    }

    /** {@code DEFAULT expr} as written in a column definition. */
    public String render() {
        return expression == null ? kind.name() : kind.name() + " " + expression;
    }
}
