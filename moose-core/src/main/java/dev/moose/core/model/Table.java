package dev.moose.core.model;

import dev.moose.core.internal.sql.Sql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A ClickHouse table as the code declares it or as the server has it, in canonical form: expressions tidied, key
 * lists as elements ({@code orderBy} empty means {@code tuple()}), a primary key equal to the sorting key left
 * out, and MergeTree's implicit {@code index_granularity = 8192} left out. {@code database} is {@code null} for
 * the database the connection uses.
 */
public record Table(
        String name,
        String database,
        List<Column> columns,
        TableEngine engine,
        List<String> orderBy,
        List<String> primaryKey,
        String partitionBy,
        String sampleBy,
        SortedMap<String, String> settings,
        String ttl,
        List<TableIndex> indexes,
        List<TableProjection> projections,
        LifeCycle lifeCycle,
        String cluster,
        String comment) {

    /** The MergeTree setting every table has unless it says otherwise. */
    public static final String DEFAULT_INDEX_GRANULARITY = "8192";

    public Table {
        if (name == null || name.isBlank()) {
            throw new ModelException("A table needs a name");
        }
        String what = "table '" + (database == null ? "" : database + ".") + name + "'";
        database = database == null || database.isBlank() ? null : database;
        columns = List.copyOf(Objects.requireNonNull(columns, what + " needs columns"));
        if (columns.isEmpty()) {
            throw new ModelException(what + " has no columns");
        }
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name())) {
                throw new ModelException(what + " has two columns named '" + c.name() + "'");
            }
        }
        engine = engine == null ? TableEngine.mergeTree() : engine;
        orderBy = keyElements(orderBy);
        primaryKey = keyElements(primaryKey);
        if (primaryKey.equals(orderBy)) {
            primaryKey = List.of();
        }
        partitionBy = Sql.tidy(partitionBy);
        if ("tuple()".equals(partitionBy)) {
            partitionBy = null;
        }
        sampleBy = Sql.tidy(sampleBy);
        ttl = Sql.tidy(ttl);
        SortedMap<String, String> s = new TreeMap<>();
        if (settings != null) {
            settings.forEach((k, v) -> s.put(k, settingLiteral(v)));
        }
        if (engine.isMergeTreeFamily() && DEFAULT_INDEX_GRANULARITY.equals(s.get("index_granularity"))) {
            s.remove("index_granularity");
        }
        for (String key : s.keySet()) {
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ModelException(what + ": '" + key + "' is not a setting name");
            }
        }
        settings = Collections.unmodifiableSortedMap(s);
        indexes = List.copyOf(indexes == null ? List.of() : indexes);
        projections = List.copyOf(projections == null ? List.of() : projections);
        requireUnique(indexes.stream().map(TableIndex::name).toList(), what, "indexes");
        requireUnique(projections.stream().map(TableProjection::name).toList(), what, "projections");
        lifeCycle = lifeCycle == null ? LifeCycle.FULLY_MANAGED : lifeCycle;
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
        comment = comment == null || comment.isEmpty() ? null : comment;
        if (!engine.supportsSortingKey()) {
            if (!orderBy.isEmpty() || sampleBy != null || ttl != null || !indexes.isEmpty() || !projections.isEmpty()) {
                throw new ModelException(what + ": engine " + engine.name()
                        + " has no ORDER BY, SAMPLE BY, TTL, indexes or projections; use a MergeTree-family engine");
            }
        }
        if (!engine.supportsPartitionBy() && partitionBy != null) {
            throw new ModelException(what + ": engine " + engine.name() + " cannot be partitioned");
        }
        if (!engine.supportsPrimaryKey() && !primaryKey.isEmpty()) {
            throw new ModelException(what + ": engine " + engine.name() + " has no PRIMARY KEY");
        }
        if (engine.isMergeTreeFamily() && !primaryKey.isEmpty()
                && (primaryKey.size() > orderBy.size() || !orderBy.subList(0, primaryKey.size()).equals(primaryKey))) {
            throw new ModelException(what + ": the primary key " + Sql.keyExpression(primaryKey)
                    + " must be a prefix of the sorting key " + Sql.keyExpression(orderBy));
        }
    }

    /** Key elements, tidied; an element written as a tuple ({@code "(a, b)"}, {@code "tuple()"}) is split into its parts. */
    private static List<String> keyElements(List<String> expressions) {
        if (expressions == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String e : expressions) {
            out.addAll(Sql.keyElements(e));
        }
        return List.copyOf(out);
    }

    private static void requireUnique(List<String> names, String what, String kinds) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new ModelException(what + " has two " + kinds + " named '" + n + "'");
            }
        }
    }

    /**
     * A setting value as a SQL literal: numbers (and {@code true}/{@code false}) as written, quoted strings kept,
     * anything else quoted.
     */
    public static String settingLiteral(String value) {
        String v = value == null ? "" : value.strip();
        if (v.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return v.toLowerCase(Locale.ROOT);
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return Sql.quoteString(Sql.unquoteString(v));
        }
        return Sql.quoteString(v);
    }

    /** The key this table has in an {@link InfraMap}. */
    public String key() {
        return InfraMap.key(database, name);
    }

    /** {@code `db`.`name`} or {@code `name`}. */
    public String qualifiedName() {
        return Sql.qualified(database, name);
    }

    /** {@code db.name} or {@code name}, for messages. */
    public String displayName() {
        return database == null ? name : database + "." + name;
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The effective primary key: the declared one, else the sorting key. */
    public List<String> effectivePrimaryKey() {
        return primaryKey.isEmpty() ? orderBy : primaryKey;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Table withColumns(List<Column> newColumns) {
        return toBuilder().columns(newColumns).build();
    }

    public Table withSettings(Map<String, String> newSettings) {
        return toBuilder().settings(newSettings).build();
    }

    public Table withTtl(String newTtl) {
        return toBuilder().ttl(newTtl).build();
    }

    public Table withSampleBy(String newSampleBy) {
        return toBuilder().sampleBy(newSampleBy).build();
    }

    public Table withIndexes(List<TableIndex> newIndexes) {
        return toBuilder().indexes(newIndexes).build();
    }

    public Table withProjections(List<TableProjection> newProjections) {
        return toBuilder().projections(newProjections).build();
    }

    public Table withComment(String newComment) {
        return toBuilder().comment(newComment).build();
    }

    public Table withDatabase(String newDatabase) {
        return toBuilder().database(newDatabase).build();
    }

    /** Builds tables field by field; {@link #build()} validates. */
    public static final class Builder {
        private String name;
        private String database;
        private List<Column> columns = new ArrayList<>();
        private TableEngine engine = TableEngine.mergeTree();
        private List<String> orderBy = List.of();
        private List<String> primaryKey = List.of();
        private String partitionBy;
        private String sampleBy;
        private Map<String, String> settings = new TreeMap<>();
        private String ttl;
        private List<TableIndex> indexes = List.of();
        private List<TableProjection> projections = List.of();
        private LifeCycle lifeCycle = LifeCycle.FULLY_MANAGED;
        private String cluster;
        private String comment;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(Table t) {
            name = t.name;
            database = t.database;
            columns = new ArrayList<>(t.columns);
            engine = t.engine;
            orderBy = t.orderBy;
            primaryKey = t.primaryKey;
            partitionBy = t.partitionBy;
            sampleBy = t.sampleBy;
            settings = new TreeMap<>(t.settings);
            ttl = t.ttl;
            indexes = t.indexes;
            projections = t.projections;
            lifeCycle = t.lifeCycle;
            cluster = t.cluster;
            comment = t.comment;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder database(String v) { database = v; return this; }
        public Builder columns(List<Column> v) { columns = new ArrayList<>(v); return this; }
        public Builder column(Column c) { columns.add(c); return this; }
        public Builder column(String columnName, String type) { columns.add(Column.of(columnName, type)); return this; }
        public Builder engine(TableEngine v) { engine = v; return this; }
        public Builder orderBy(List<String> v) { orderBy = v; return this; }
        public Builder orderBy(String... v) { orderBy = List.of(v); return this; }
        public Builder primaryKey(List<String> v) { primaryKey = v; return this; }
        public Builder primaryKey(String... v) { primaryKey = List.of(v); return this; }
        public Builder partitionBy(String v) { partitionBy = v; return this; }
        public Builder sampleBy(String v) { sampleBy = v; return this; }
        public Builder settings(Map<String, String> v) { settings = new TreeMap<>(v); return this; }
        public Builder setting(String k, String v) { settings.put(k, v); return this; }
        public Builder ttl(String v) { ttl = v; return this; }
        public Builder indexes(List<TableIndex> v) { indexes = v; return this; }
        public Builder projections(List<TableProjection> v) { projections = v; return this; }
        public Builder lifeCycle(LifeCycle v) { lifeCycle = v; return this; }
        public Builder cluster(String v) { cluster = v; return this; }
        public Builder comment(String v) { comment = v; return this; }

        public Table build() {
            return new Table(name, database, columns, engine, orderBy, primaryKey, partitionBy, sampleBy,
                    new TreeMap<>(settings), ttl, indexes, projections, lifeCycle, cluster, comment);
        }
    }
}
