package dev.moose.core.model;

import dev.moose.core.internal.sql.Sql;

/** {@code CREATE MATERIALIZED VIEW name TO target AS select}; databases {@code null} mean the connection's. */
public record MaterializedView(
        String name,
        String database,
        String targetTable,
        String targetDatabase,
        String select,
        LifeCycle lifeCycle) {

    public MaterializedView {
        if (name == null || name.isBlank()) {
            throw new ModelException("A materialized view needs a name");
        }
        if (targetTable == null || targetTable.isBlank()) {
            throw new ModelException("materialized view '" + name + "' needs a target table (TO …)");
        }
        database = database == null || database.isBlank() ? null : database;
        targetDatabase = targetDatabase == null || targetDatabase.isBlank() ? null : targetDatabase;
        select = Sql.tidy(select);
        if (select == null) {
            throw new ModelException("materialized view '" + name + "' needs a SELECT");
        }
        lifeCycle = lifeCycle == null ? LifeCycle.FULLY_MANAGED : lifeCycle;
    }

    public String key() {
        return InfraMap.key(database, name);
    }

    /** The key of the target table in an {@link InfraMap}. */
    public String targetKey() {
        return InfraMap.key(targetDatabase, targetTable);
    }

    public String qualifiedName() {
        return Sql.qualified(database, name);
    }

    public String qualifiedTarget() {
        return Sql.qualified(targetDatabase, targetTable);
    }

    public String displayName() {
        return database == null ? name : database + "." + name;
    }

    public MaterializedView withSelect(String newSelect) {
        return new MaterializedView(name, database, targetTable, targetDatabase, newSelect, lifeCycle);
    }
}
