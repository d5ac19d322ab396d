package dev.moose.core.model;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything a project declares (or a database holds) that migrations manage: tables, materialized views, views
 * and SQL resources, each keyed by {@code name} or {@code database.name} and kept in key order, so that the same
 * content always iterates, prints and serializes the same way.
 */
public record InfraMap(
        SortedMap<String, Table> tables,
        SortedMap<String, MaterializedView> materializedViews,
        SortedMap<String, View> views,
        SortedMap<String, SqlResource> sqlResources) {

    public InfraMap {
        tables = frozen(tables);
        materializedViews = frozen(materializedViews);
        views = frozen(views);
        sqlResources = frozen(sqlResources);
        tables.forEach((k, t) -> requireKey(k, t.key(), "table"));
        materializedViews.forEach((k, v) -> requireKey(k, v.key(), "materialized view"));
        views.forEach((k, v) -> requireKey(k, v.key(), "view"));
        sqlResources.forEach((k, r) -> requireKey(k, r.key(), "SQL resource"));
        for (String k : materializedViews.keySet()) {
            if (tables.containsKey(k) || views.containsKey(k)) {
                throw new ModelException("'" + k + "' is both a materialized view and a table or view");
            }
        }
        for (String k : views.keySet()) {
            if (tables.containsKey(k)) {
                throw new ModelException("'" + k + "' is both a view and a table");
            }
        }
    }

    private static <T> SortedMap<String, T> frozen(SortedMap<String, T> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }

    private static void requireKey(String key, String expected, String kind) {
        if (!key.equals(expected)) {
            throw new ModelException(kind + " '" + expected + "' is filed under the wrong key '" + key + "'");
        }
    }

    public static InfraMap empty() {
        return new InfraMap(null, null, null, null);
    }

    /** {@code name}, or {@code database.name} when the object names its database. */
    public static String key(String database, String name) {
        return database == null ? name : database + "." + name;
    }

    /**
     * Builds a map from lists, keying each object.
     *
     * @throws ModelException naming the first key used twice
     */
    public static InfraMap of(Collection<Table> tables, Collection<MaterializedView> materializedViews,
                              Collection<View> views, Collection<SqlResource> sqlResources) {
        return new InfraMap(index(tables, Table::key, "table"), index(materializedViews, MaterializedView::key, "materialized view"),
                index(views, View::key, "view"), index(sqlResources, SqlResource::key, "SQL resource"));
    }

    public static InfraMap ofTables(Table... tables) {
        return of(List.of(tables), List.of(), List.of(), List.of());
    }

    private static <T> SortedMap<String, T> index(Collection<T> items, Function<T, String> key, String kind) {
        SortedMap<String, T> out = new TreeMap<>();
        if (items != null) {
            for (T item : items) {
                if (out.put(key.apply(item), item) != null) {
                    throw new ModelException("two " + kind + "s are named '" + key.apply(item) + "'");
                }
            }
        }
        return out;
    }

    public Optional<Table> table(String key) {
        return Optional.ofNullable(tables.get(key));
    }

    public boolean isEmpty() {
        return tables.isEmpty() && materializedViews.isEmpty() && views.isEmpty() && sqlResources.isEmpty();
    }

    public InfraMap withTable(Table t) {
        return new InfraMap(putting(tables, t.key(), t), materializedViews, views, sqlResources);
    }

    public InfraMap withoutTable(String key) {
        return new InfraMap(removing(tables, key), materializedViews, views, sqlResources);
    }

    public InfraMap withMaterializedView(MaterializedView v) {
        return new InfraMap(tables, putting(materializedViews, v.key(), v), views, sqlResources);
    }

    public InfraMap withoutMaterializedView(String key) {
        return new InfraMap(tables, removing(materializedViews, key), views, sqlResources);
    }

    public InfraMap withView(View v) {
        return new InfraMap(tables, materializedViews, putting(views, v.key(), v), sqlResources);
    }

    public InfraMap withoutView(String key) {
        return new InfraMap(tables, materializedViews, removing(views, key), sqlResources);
    }

    public InfraMap withSqlResource(SqlResource r) {
        return new InfraMap(tables, materializedViews, views, putting(sqlResources, r.key(), r));
    }

    public InfraMap withoutSqlResource(String key) {
        return new InfraMap(tables, materializedViews, views, removing(sqlResources, key));
    }

    /** A copy of {@code map} with {@code key} set: the maps are immutable, every change makes a new one. */
    private static <T> SortedMap<String, T> putting(SortedMap<String, T> map, String key, T value) {
        SortedMap<String, T> copy = new TreeMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static <T> SortedMap<String, T> removing(SortedMap<String, T> map, String key) {
        SortedMap<String, T> copy = new TreeMap<>(map);
        copy.remove(key);
        return copy;
    }

    /** The databases objects name explicitly (those without one live in the connection's database). */
    public java.util.SortedSet<String> namedDatabases() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        tables.values().forEach(t -> addIfSet(out, t.database()));
        views.values().forEach(v -> addIfSet(out, v.database()));
        materializedViews.values().forEach(v -> addIfSet(out, v.database()));
        return out;
    }

    private static void addIfSet(java.util.Set<String> out, String database) {
        if (database != null) {
            out.add(database);
        }
    }

    /** Counts for summaries: {@code 3 tables, 1 materialized view, 0 views, 0 SQL resources}. */
    public String summary() {
        return plural(tables.size(), "table") + ", " + plural(materializedViews.size(), "materialized view") + ", "
                + plural(views.size(), "view") + ", " + plural(sqlResources.size(), "SQL resource");
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
