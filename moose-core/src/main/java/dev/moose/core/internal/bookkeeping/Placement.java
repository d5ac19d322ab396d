package dev.moose.core.internal.bookkeeping;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.internal.ddl.DistributedDdl;
import dev.moose.core.server.ClickHouseConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the migration bookkeeping (lock, journal, registry) lives: in the connection's database, and on a cluster
 * on every host of it. There its tables are created, renamed and dropped {@code ON CLUSTER} (the keeper orders
 * those statements the same way on every host, so creating the lock is a compare-and-set across hosts) and are
 * Replicated, one keeper path for the whole cluster, so that their rows can be read from any host.
 */
public record Placement(String database, String cluster, Duration ddlTimeout) {

    public Placement {
        Objects.requireNonNull(database, "database");
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
        ddlTimeout = ddlTimeout == null ? DEFAULT_DDL_TIMEOUT : ddlTimeout;
    }

    /** ClickHouse's own default for distributed DDL. */
    public static final Duration DEFAULT_DDL_TIMEOUT = Duration.ofMinutes(3);

    public Placement(String database, String cluster) {
        this(database, cluster, DEFAULT_DDL_TIMEOUT);
    }

    /** Runs a statement on the bookkeeping's tables: {@code ON CLUSTER} ones awaited on every host up to the timeout. */
    public void run(ClickHouseConnection connection, String ddl) {
        DistributedDdl.execute(connection, ddl, null, ddlTimeout, Map.of());
    }

    /** {@code DROP TABLE IF EXISTS} a bookkeeping table, on every host when there is a cluster. */
    public void dropIfExists(ClickHouseConnection connection, String name) {
        run(connection, "DROP TABLE IF EXISTS " + table(name) + onCluster());
    }

    /** {@code RENAME TABLE from TO to}, on every host when there is a cluster. */
    public void rename(ClickHouseConnection connection, String from, String to) {
        run(connection, "RENAME TABLE " + table(from) + " TO " + table(to) + onCluster());
    }

    /** {@code `db`.`name`}: statements that run on other hosts must not depend on their default database. */
    public String table(String name) {
        return Sql.qualified(database, name);
    }

    /** {@code " ON CLUSTER `c`"}, or nothing. */
    public String onCluster() {
        return cluster == null ? "" : " ON CLUSTER " + Sql.quoteIdentifier(cluster);
    }

    /**
     * {@code engine} (a MergeTree-family engine), replicated across the cluster when there is one: every host of
     * every shard is a replica ({@code {shard}-{replica}}) of the one keeper path {@code /clickhouse/moose/db/table}
     * (followed by {@code instance} when each creation must get a path of its own, as the lock's does).
     */
    public String engine(String engine, String table, String instance) {
        if (cluster == null) {
            return engine;
        }
        String path = "/clickhouse/moose/" + database + "/" + table + (instance == null ? "" : "/" + instance);
        int open = engine.indexOf('(');
        String name = open < 0 ? engine : engine.substring(0, open);
        String args = open < 0 ? "" : engine.substring(open + 1, engine.lastIndexOf(')'));
        return "Replicated" + name + "(" + Sql.quoteString(path) + ", '{shard}-{replica}'" + (args.isBlank() ? "" : ", " + args) + ")";
    }
}
