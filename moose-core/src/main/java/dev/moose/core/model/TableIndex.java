package dev.moose.core.model;

import dev.moose.core.internal.sql.Sql;

/** A data-skipping index: {@code INDEX name expression TYPE type GRANULARITY granularity}. */
public record TableIndex(String name, String expression, String type, int granularity) {

    public TableIndex {
        if (name == null || name.isBlank()) {
            throw new ModelException("An index needs a name");
        }
        expression = Sql.tidy(expression);
        type = Sql.tidy(type);
        if (expression == null) {
            throw new ModelException("index '" + name + "' needs an expression");
        }
        if (type == null) {
            throw new ModelException("index '" + name + "' needs a type (minmax, set(100), bloom_filter(0.01) …)");
        }
        if (granularity < 1) {
            throw new ModelException("index '" + name + "' granularity must be at least 1, not " + granularity);
        }
    }

    /** {@code INDEX `name` expr TYPE t GRANULARITY n}. */
    public String definition() {
        return "INDEX " + Sql.quoteIdentifier(name) + " " + expression + " TYPE " + type + " GRANULARITY " + granularity;
    }
}
