package dev.moose.core.internal.bookkeeping;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.InfraMapJson;
import dev.moose.core.model.LifeCycle;
import dev.moose.core.model.SqlResource;
import dev.moose.core.server.ClickHouseConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What migrations manage in a database, kept in the table {@value #TABLE} of the database they connect to:
 * each managed object's key and life cycle, and the definition of each SQL resource (which ClickHouse cannot show
 * back). It tells "removed from the code" (drop it) apart from "created by someone else" (never touch it).
 *
 * <p>Append-only ({@code ReplacingMergeTree}, newest row per key wins, removals are tombstones), so it works on
 * every server version without mutations. {@code generate} only reads it; {@code migrate} and {@code dev} write it.
 */
public record StateRegistry(SortedMap<String, Entry> entries) {

    public static final String TABLE = "_moose_state";

    /**
     * One managed object: kind ({@code table}, {@code view}, {@code materialized_view}, {@code sql_resource}) and key.
     * {@code problem} says why a stored row could not be read as written (then the object is never dropped).
     */
    public record Entry(String kind, String key, LifeCycle lifeCycle, SqlResource resource, String problem) {
        public Entry(String kind, String key, LifeCycle lifeCycle, SqlResource resource) {
            this(kind, key, lifeCycle, resource, null);
        }
    }

    /** Rows that could not be read as written, each saying which row and what was done instead. */
    public List<String> problems() {
        return entries.values().stream().filter(e -> e.problem() != null).map(Entry::problem).toList();
    }

    public StateRegistry {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    public static StateRegistry empty() {
        return new StateRegistry(new TreeMap<>());
    }

    /** {@code kind:key}. */
    public static String id(String kind, String key) {
        return kind + ":" + key;
    }

    public boolean manages(String kind, String key) {
        return entries.containsKey(id(kind, key));
    }

    public LifeCycle lifeCycle(String kind, String key) {
        Entry e = entries.get(id(kind, key));
        return e == null ? LifeCycle.FULLY_MANAGED : e.lifeCycle();
    }

    public List<SqlResource> sqlResources() {
        List<SqlResource> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.resource() != null) {
                out.add(e.resource());
            }
        }
        return out;
    }

    /** The statement that reads the registry of the connection's database. */
    public static String readQuery() {
        return "SELECT kind, key, argMax(definition, version), argMax(deleted, version) FROM " + Sql.quoteIdentifier(TABLE)
                + " GROUP BY kind, key ORDER BY kind, key";
    }

    /** Reads the registry; call only when the table exists. */
    public static StateRegistry read(ClickHouseConnection connection) {
        SortedMap<String, Entry> entries = new TreeMap<>();
        connection.query(readQuery(), rs -> {
            if (rs.getLong(4) == 0) {
                Entry e = decode(rs.getString(1), rs.getString(2), rs.getString(3));
                entries.put(id(e.kind(), e.key()), e);
            }
            return null;
        });
        return new StateRegistry(entries);
    }

    /** A stored row; one that cannot be read as written fails closed: its object is kept, never dropped. */
    private static Entry decode(String kind, String key, String definition) {
        String row = "the row (" + kind + ", " + key + ") of " + TABLE;
        if (kind.equals("sql_resource")) {
            try {
                InfraMap holder = InfraMapJson.parse(definition);
                SqlResource r = holder.sqlResources().values().iterator().next();
                return new Entry(kind, key, LifeCycle.FULLY_MANAGED, r);
            } catch (RuntimeException e) {
                throw new dev.moose.core.MooseException(row + " does not hold a SQL resource definition (" + e.getMessage()
                        + "): nothing can be planned for it. Delete that row, or restore it from a backup.");
            }
        }
        try {
            return new Entry(kind, key, LifeCycle.valueOf(definition), null);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Entry(kind, key, LifeCycle.DELETION_PROTECTED, null, row + " has the life cycle '" + definition
                    + "', which this version does not know: the object is treated as DELETION_PROTECTED and never dropped");
        }
    }

    /** This registry with a SQL resource recorded (or replaced). */
    public StateRegistry withResource(SqlResource resource) {
        SortedMap<String, Entry> copy = new TreeMap<>(entries);
        copy.put(id("sql_resource", resource.key()), new Entry("sql_resource", resource.key(), LifeCycle.FULLY_MANAGED, resource));
        return new StateRegistry(copy);
    }

    /** This registry without a SQL resource. */
    public StateRegistry withoutResource(String key) {
        SortedMap<String, Entry> copy = new TreeMap<>(entries);
        copy.remove(id("sql_resource", key));
        return new StateRegistry(copy);
    }

    /** The entries a database should have once it matches {@code target}. */
    public static StateRegistry of(InfraMap target) {
        SortedMap<String, Entry> entries = new TreeMap<>();
        target.tables().forEach((k, t) -> entries.put(id("table", k), new Entry("table", k, t.lifeCycle(), null)));
        target.views().forEach((k, v) -> entries.put(id("view", k), new Entry("view", k, v.lifeCycle(), null)));
        target.materializedViews().forEach((k, v) -> entries.put(id("materialized_view", k),
                new Entry("materialized_view", k, v.lifeCycle(), null)));
        target.sqlResources().forEach((k, r) -> entries.put(id("sql_resource", k), new Entry("sql_resource", k, LifeCycle.FULLY_MANAGED, r)));
        return new StateRegistry(entries);
    }

    /**
     * Makes the stored registry equal this one: creates the table when missing, writes changed entries and
     * tombstones for removed ones. Objects with an EXTERNALLY_MANAGED life cycle are recorded too (as such).
     */
    public void store(ClickHouseConnection connection, StateRegistry current) {
        store(connection, new Placement(connection.database(), null), current);
    }

    /** As {@link #store(ClickHouseConnection, StateRegistry)}, the table placed as {@code placement} says. */
    public void store(ClickHouseConnection connection, Placement placement, StateRegistry current) {
        placement.run(connection, "CREATE TABLE IF NOT EXISTS " + placement.table(TABLE) + placement.onCluster()
                + " (kind String, key String, definition String, deleted UInt8, version UInt64)"
                + " ENGINE = " + placement.engine("ReplacingMergeTree(version)", TABLE, null) + " ORDER BY (kind, key)");
        // ordered by the database, not by a client's clock: the next version after every one stored (writers hold the lock)
        long version = connection.queryLong("SELECT max(version) FROM " + Sql.quoteIdentifier(TABLE)) + 1;
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry old = current.entries().get(e.getKey());
            if (!e.getValue().equals(old)) {
                rows.add(row(e.getValue(), false, version));
            }
        }
        for (Map.Entry<String, Entry> e : current.entries().entrySet()) {
            if (!entries.containsKey(e.getKey())) {
                rows.add(row(e.getValue(), true, version));
            }
        }
        if (!rows.isEmpty()) {
            connection.execute("INSERT INTO " + Sql.quoteIdentifier(TABLE) + " (kind, key, definition, deleted, version) VALUES "
                    + String.join(", ", rows));
        }
    }

    private static String row(Entry e, boolean deleted, long version) {
        String definition = e.resource() != null
                ? InfraMapJson.write(InfraMap.of(List.of(), List.of(), List.of(), List.of(e.resource())))
                : e.lifeCycle().name();
        return "(" + Sql.quoteString(e.kind()) + ", " + Sql.quoteString(e.key()) + ", " + Sql.quoteString(definition) + ", "
                + (deleted ? 1 : 0) + ", " + version + ")";
    }
}
