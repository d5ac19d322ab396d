package dev.moose.core.model;

import dev.moose.core.internal.sql.Sql;

/** {@code CREATE VIEW name AS select}; {@code database} {@code null} means the connection's. */
public record View(String name, String database, String select, LifeCycle lifeCycle) {

    public View {
        if (name == null || name.isBlank()) {
            throw new ModelException("A view needs a name");
        }
        database = database == null || database.isBlank() ? null : database;
        select = Sql.tidy(select);
        if (select == null) {
            throw new ModelException("view '" + name + "' needs a SELECT");
        }
        lifeCycle = lifeCycle == null ? LifeCycle.FULLY_MANAGED : lifeCycle;
    }

    public String key() {
        return InfraMap.key(database, name);
    }

    public String qualifiedName() {
        return Sql.qualified(database, name);
    }

    public String displayName() {
        return database == null ? name : database + "." + name;
    }
}
