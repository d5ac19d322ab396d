package dev.moose.core.model;

import dev.moose.core.internal.sql.Sql;

/** A projection: {@code PROJECTION name (query)}. */
public record TableProjection(String name, String query) {

    public TableProjection {
        if (name == null || name.isBlank()) {
            throw new ModelException("A projection needs a name");
        }
        query = Sql.tidy(query);
        if (query == null) {
            throw new ModelException("projection '" + name + "' needs a query");
        }
    }

    /** {@code PROJECTION `name` (query)}. */
    public String definition() {
        return "PROJECTION " + Sql.quoteIdentifier(name) + " (" + query + ")";
    }
}
