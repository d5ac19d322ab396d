package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;

/**
 * The table an operation works on: name, database ({@code null}: the connection's) and the cluster its DDL runs
 * {@code ON CLUSTER} ({@code null}: none).
 */
public record TableRef(String table, String database, String cluster) {

    public TableRef {
        if (table == null || table.isBlank()) {
            throw new PlanException("an operation needs a table name");
        }
        database = database == null || database.isBlank() ? null : database;
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
    }

    public static TableRef of(Table t) {
        return new TableRef(t.name(), t.database(), t.cluster());
    }

    public static TableRef of(String table) {
        return new TableRef(table, null, null);
    }

    public String key() {
        return InfraMap.key(database, table);
    }

    public String displayName() {
        return database == null ? table : database + "." + table;
    }

    /** {@code ALTER TABLE `db`.`t` [ON CLUSTER `c`] <clause>}. */
    public String alter(String clause) {
        return "ALTER TABLE " + target() + " " + clause;
    }

    /** {@code `db`.`t` [ON CLUSTER `c`]}. */
    public String target() {
        return Sql.qualified(database, table) + onCluster();
    }

    public String onCluster() {
        return cluster == null ? "" : " ON CLUSTER " + Sql.quoteIdentifier(cluster);
    }

    /** The table in {@code state}, or a {@link PlanException} naming it. */
    public Table in(InfraMap state, String operation) {
        Table t = state.tables().get(key());
        if (t == null) {
            throw new PlanException(operation + ": there is no table " + displayName());
        }
        return t;
    }
}
