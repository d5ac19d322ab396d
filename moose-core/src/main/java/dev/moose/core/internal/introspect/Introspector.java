package dev.moose.core.internal.introspect;

import dev.moose.core.MooseException;
import dev.moose.core.internal.bookkeeping.StateRegistry;
import dev.moose.core.internal.sql.Sql;
import dev.moose.core.internal.sql.SqlLexer;
import dev.moose.core.internal.sql.SqlToken;
import dev.moose.core.model.Column;
import dev.moose.core.model.ColumnDefault;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableEngine;
import dev.moose.core.model.TableIndex;
import dev.moose.core.model.TableProjection;
import dev.moose.core.model.View;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.types.ClickHouseType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Reads databases into an {@link InfraMap} with a constant number of queries, whatever the number of tables:
 * which system-table columns this server has, the databases, all tables, all columns, and the state registry.
 *
 * <p>Normalises what the server rewrites, so that a table created from the code's map reads back equal to it:
 * {@code CAST}-wrapped defaults, key lists without parentheses, the implicit {@code index_granularity = 8192},
 * database-qualified names in SELECTs, flattened {@code Nested} columns, {@code .inner.} tables of materialized
 * views (hidden), default replication arguments and ClickHouse Cloud's {@code Shared*} engines.
 */
public final class Introspector {

    private static final List<String> TABLE_COLUMNS = List.of(
            "database", "name", "engine", "create_table_query", "partition_key", "sorting_key", "primary_key",
            "sampling_key", "comment", "as_select", "is_temporary");
    private static final List<String> COLUMN_COLUMNS = List.of(
            "database", "table", "name", "type", "default_kind", "default_expression", "comment", "compression_codec", "position");
    private static final String DEFAULT_REPLICA_PATH = "'/clickhouse/tables/{uuid}/{shard}'";
    private static final String DEFAULT_REPLICA_NAME = "'{replica}'";

    private final ClickHouseConnection connection;
    private final String home;
    /** Where a system table is read from: {@code system.tables} here, or the same on another host through remote(). */
    private final UnaryOperator<String> system;
    private int queries;

    private Introspector(ClickHouseConnection connection, UnaryOperator<String> system) {
        this.connection = connection;
        this.home = connection.database();
        this.system = system;
    }

    /**
     * Reads the connection's database and {@code otherDatabases}.
     *
     * @throws dev.moose.core.server.ClickHouseException when a query fails
     */
    public static RemoteSchema introspect(ClickHouseConnection connection, Collection<String> otherDatabases) {
        return new Introspector(connection, t -> "system." + t).read(otherDatabases);
    }

    /**
     * Reads another server's databases of the same names, through the connected one: {@code system} gives the
     * expression that reads a system table there ({@code remote('host:port', system.tables, …)}). The registry is
     * not read (it is the connected server's).
     */
    public static RemoteSchema introspectThrough(ClickHouseConnection connection, UnaryOperator<String> system,
                                                 Collection<String> otherDatabases) {
        return new Introspector(connection, system).read(otherDatabases);
    }

    private RemoteSchema read(Collection<String> otherDatabases) {
        Set<String> wanted = new TreeSet<>(otherDatabases);
        wanted.add(home);
        String inList = String.join(", ", wanted.stream().map(Sql::quoteString).toList());

        Map<String, Set<String>> available = new HashMap<>();
        query("SELECT table, name FROM " + system.apply("columns") + " WHERE database = 'system' AND table IN ('tables', 'columns')", rs -> {
            available.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
            return null;
        });
        List<String> tableColumns = TABLE_COLUMNS.stream().filter(c -> available.getOrDefault("tables", Set.of()).contains(c)).toList();
        List<String> columnColumns = COLUMN_COLUMNS.stream().filter(c -> available.getOrDefault("columns", Set.of()).contains(c)).toList();

        Set<String> databases = new TreeSet<>();
        query("SELECT name FROM " + system.apply("databases"), rs -> databases.add(rs.getString(1)));

        List<Map<String, String>> tableRows = new ArrayList<>();
        query("SELECT " + String.join(", ", tableColumns) + " FROM " + system.apply("tables") + " WHERE database IN (" + inList + ")"
                + (tableColumns.contains("is_temporary") ? " AND is_temporary = 0" : "") + " ORDER BY database, name",
                rs -> tableRows.add(row(rs, tableColumns)));
        boolean hasRegistry = system.apply("tables").equals("system.tables") && tableRows.stream().anyMatch(r -> r.get("database").equals(home) && r.get("name").equals(StateRegistry.TABLE));

        Map<String, List<Map<String, String>>> columnsByTable = new LinkedHashMap<>();
        query("SELECT " + String.join(", ", columnColumns) + " FROM " + system.apply("columns") + " WHERE database IN (" + inList + ")"
                + (columnColumns.contains("position") ? " ORDER BY database, table, position" : ""),
                rs -> columnsByTable.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new ArrayList<>())
                        .add(row(rs, columnColumns)));

        StateRegistry registry = StateRegistry.empty();
        if (hasRegistry) {
            queries++;
            registry = StateRegistry.read(connection);
        }

        List<Table> tables = new ArrayList<>();
        List<MaterializedView> mvs = new ArrayList<>();
        List<View> views = new ArrayList<>();
        SortedMap<String, String> unreadable = new TreeMap<>();
        SortedMap<String, References> references = new TreeMap<>();
        for (Map<String, String> r : tableRows) {
            String db = r.get("database");
            String name = r.get("name");
            if (name.startsWith(".inner") || name.startsWith("_moose")) {
                continue;
            }
            String key = InfraMap.key(localDatabase(db), name);
            // what every object's definition names, for the unmanaged ones that matter to managed tables
            references.put(key, References.of(r.get("create_table_query"), db, name, home));
            try {
                String engine = r.get("engine");
                switch (engine) {
                    case "MaterializedView" -> mvs.add(materializedView(r));
                    case "View" -> views.add(view(r));
                    case "Dictionary" -> unreadable.put(key, "a dictionary: not modelled, left alone");
                    case "WindowView" -> unreadable.put(key, "a window view: not modelled, left alone");
                    case "LiveView" -> unreadable.put(key, "a live view: not modelled, left alone");
                    default -> {
                        if (!engine.startsWith("System")) {
                            tables.add(table(r, columnsByTable.getOrDefault(db + "\u0000" + name, List.of())));
                        }
                    }
                }
            } catch (MooseException | IllegalArgumentException e) {
                unreadable.put(key, e.getMessage());
            }
        }
        InfraMap everything = InfraMap.of(tables, mvs, views, registry.sqlResources());
        return new RemoteSchema(everything, registry, databases, unreadable, references, connection.version(), queries);
    }

    private <T> void query(String sql, ClickHouseConnection.RowMapper<T> mapper) {
        queries++;
        connection.query(sql, mapper);
    }

    private static Map<String, String> row(dev.moose.core.server.Row rs, List<String> columns) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String v = rs.getString(i + 1);
            m.put(columns.get(i), v == null ? "" : v);
        }
        return m;
    }

    /** The connection's database is {@code null} in the model: the same code migrates databases of any name. */
    private String localDatabase(String database) {
        return database == null || database.equals(home) ? null : database;
    }

    // ---------------------------------------------------------------------------------------------- tables

    /** An object whose statement has clauses the model does not keep is left alone, never read without them. */
    private static CreateStatement modelled(String kind, Map<String, String> r) {
        CreateStatement create = CreateStatementParser.parse(r.get("create_table_query"));
        if (!create.unmodelled().isEmpty()) {
            throw new MooseException(kind + " " + r.get("name") + " has what this tool does not model ("
                    + String.join("; ", create.unmodelled()) + "), so it is left alone");
        }
        return create;
    }

    private Table table(Map<String, String> r, List<Map<String, String>> columnRows) {
        CreateStatement create = modelled("table", r);
        Map<String, CreateStatement.ColumnText> declared = new HashMap<>();
        for (CreateStatement.ColumnText c : create.columns()) {
            declared.put(c.name(), c);
        }
        List<Column> columns = new ArrayList<>();
        for (Map<String, String> c : columnRows) {
            String name = c.get("name");
            ClickHouseType type = ClickHouseType.parse(c.get("type"));
            CreateStatement.ColumnText text = declared.get(name);
            ColumnDefault def = null;
            String kind = c.get("default_kind");
            if (kind != null && !kind.isEmpty()) {
                def = new ColumnDefault(ColumnDefault.Kind.valueOf(kind), withoutCast(c.get("default_expression"), type));
            }
            String codec = c.getOrDefault("compression_codec", "");
            codec = codec.isEmpty() ? (text == null ? null : text.codec()) : unwrapCodec(codec);
            String comment = c.getOrDefault("comment", "");
            columns.add(new Column(name, type, def, comment.isEmpty() ? null : comment, codec,
                    text == null ? null : text.ttl(), null));
        }
        columns = groupNested(columns);
        TableEngine engine = normalizeEngine(TableEngine.parse(create.engine() == null ? r.get("engine") : create.engine()));
        if (engine.name().equals(TableEngine.DISTRIBUTED) && engine.arguments().size() >= 2
                && engine.arguments().get(1).equals(Sql.quoteString(home))) {
            // the connection's database, named so that every host of a cluster reads the same one: the model's currentDatabase()
            List<String> args = new ArrayList<>(engine.arguments());
            args.set(1, TableEngine.CURRENT_DATABASE);
            engine = new TableEngine(engine.name(), args);
        }
        List<TableIndex> indexes = new ArrayList<>();
        for (CreateStatement.IndexText i : create.indexes()) {
            indexes.add(new TableIndex(i.name(), i.expression(), i.type(), i.granularity()));
        }
        List<TableProjection> projections = new ArrayList<>();
        for (CreateStatement.ProjectionText p : create.projections()) {
            projections.add(new TableProjection(p.name(), p.query()));
        }
        String comment = r.containsKey("comment") ? r.get("comment") : create.comment();
        return new Table(r.get("name"), localDatabase(r.get("database")), columns, engine,
                Sql.keyElements(keyOrClause(r, "sorting_key", create.orderBy())),
                Sql.keyElements(keyOrClause(r, "primary_key", create.primaryKey())),
                blankToNull(keyOrClause(r, "partition_key", create.partitionBy())),
                blankToNull(keyOrClause(r, "sampling_key", create.sampleBy())),
                new TreeMap<>(create.settings()), create.ttl(), indexes, projections, null, null,
                comment == null || comment.isEmpty() ? null : comment);
    }

    private static String keyOrClause(Map<String, String> row, String column, String clause) {
        return row.containsKey(column) ? row.get(column) : clause;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** {@code CODEC(Delta(8), ZSTD(1))} → {@code Delta(8), ZSTD(1)}. */
    private static String unwrapCodec(String codec) {
        String c = codec.strip();
        return c.startsWith("CODEC(") && c.endsWith(")") ? c.substring(6, c.length() - 1) : c;
    }

    /**
     * Old servers store {@code DEFAULT 'a'} of an Enum column as {@code CAST('a', 'Enum8(…)')}: the cast to the
     * column's own type is noise, so it is removed.
     */
    static String withoutCast(String expression, ClickHouseType columnType) {
        if (expression == null || expression.isBlank()) {
            return expression;
        }
        List<SqlToken> t = SqlLexer.tokenize(expression);
        int n = t.size();
        if (n >= 6 && t.get(0).is("CAST") && t.get(1).is("(") && t.get(n - 1).is(")") && t.get(n - 2).kind() == SqlToken.Kind.STRING
                && t.get(n - 3).is(",")) {
            int depth = 0;
            for (int i = 1; i < n - 1; i++) {
                if (t.get(i).is("(")) {
                    depth++;
                } else if (t.get(i).is(")")) {
                    depth--;
                    if (depth == 0) {
                        return expression; // CAST(...) is only part of the expression
                    }
                }
            }
            try {
                ClickHouseType target = ClickHouseType.parse(Sql.unquoteString(t.get(n - 2).text()));
                if (target.equals(columnType)) {
                    return expression.substring(t.get(2).start(), t.get(n - 3).start()).strip();
                }
            } catch (MooseException e) {
                return expression;
            }
        }
        return expression;
    }

    /**
     * With {@code flatten_nested = 1} (the default), a {@code Nested(k String, v UInt8)} column {@code n} is stored
     * as {@code n.k Array(String)} and {@code n.v Array(UInt8)}: consecutive array columns sharing a prefix are read
     * back as the Nested column they came from.
     */
    static List<Column> groupNested(List<Column> columns) {
        List<Column> out = new ArrayList<>();
        Set<String> plainNames = new HashSet<>();
        for (Column c : columns) {
            plainNames.add(c.name());
        }
        int i = 0;
        while (i < columns.size()) {
            Column c = columns.get(i);
            int dot = c.name().indexOf('.');
            if (dot <= 0 || !(c.type() instanceof ClickHouseType.Array) || plainNames.contains(c.name().substring(0, dot))
                    || c.defaultValue() != null) {
                out.add(c);
                i++;
                continue;
            }
            String prefix = c.name().substring(0, dot + 1);
            List<ClickHouseType.Element> fields = new ArrayList<>();
            int j = i;
            while (j < columns.size() && columns.get(j).name().startsWith(prefix)
                    && columns.get(j).type() instanceof ClickHouseType.Array a && columns.get(j).defaultValue() == null) {
                fields.add(new ClickHouseType.Element(columns.get(j).name().substring(prefix.length()), a.element()));
                j++;
            }
            out.add(Column.of(prefix.substring(0, prefix.length() - 1), new ClickHouseType.Nested(fields)));
            i = j;
        }
        return out;
    }

    /**
     * {@code ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')} is what {@code ReplicatedMergeTree}
     * means; ClickHouse Cloud's {@code SharedMergeTree(path, replica, …)} keeps only the engine's own arguments.
     */
    static TableEngine normalizeEngine(TableEngine engine) {
        List<String> args = engine.arguments();
        if ((engine.isReplicated() || engine.isShared()) && args.size() >= 2
                && args.get(0).startsWith("'") && args.get(1).startsWith("'")) {
            boolean defaults = args.get(0).equals(DEFAULT_REPLICA_PATH) && args.get(1).equals(DEFAULT_REPLICA_NAME);
            if (defaults || engine.isShared()) {
                return new TableEngine(engine.name(), args.subList(2, args.size()));
            }
        }
        if (engine.name().equals("MergeTree") && args.size() >= 3) {
            return TableEngine.mergeTree(); // MergeTree(date, (key), 8192): the pre-2018 syntax; keys are read apart
        }
        return engine;
    }

    // ---------------------------------------------------------------------------------------------- views

    private MaterializedView materializedView(Map<String, String> r) {
        CreateStatement create = modelled("materialized view", r);
        if (create.toTable() == null) {
            throw new MooseException("materialized view " + r.get("name") + " stores its rows in an inner table (ENGINE = …); "
                    + "only views with TO <table> are managed");
        }
        return new MaterializedView(r.get("name"), localDatabase(r.get("database")), create.toTable(),
                localDatabase(create.toDatabase() == null ? r.get("database") : create.toDatabase()),
                unqualify(select(r, create)), null);
    }

    private View view(Map<String, String> r) {
        CreateStatement create = modelled("view", r);
        return new View(r.get("name"), localDatabase(r.get("database")), unqualify(select(r, create)), null);
    }

    private static String select(Map<String, String> r, CreateStatement create) {
        String asSelect = r.getOrDefault("as_select", "");
        return asSelect.isBlank() ? create.select() : asSelect;
    }

    /** The server qualifies every table in a stored SELECT with its database; the connection's is left out again. */
    String unqualify(String select) {
        List<SqlToken> tokens = SqlLexer.tokenize(select);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        for (int i = 0; i + 2 < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            boolean name = t.isWord() || t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
            boolean previousIsDot = i > 0 && tokens.get(i - 1).is(".");
            if (name && !previousIsDot && t.identifier().equals(home) && tokens.get(i + 1).is(".")
                    && (tokens.get(i + 2).isWord() || tokens.get(i + 2).kind() == SqlToken.Kind.QUOTED_IDENTIFIER)) {
                sb.append(select, last, t.start());
                last = tokens.get(i + 2).start();
            }
        }
        sb.append(select.substring(last));
        return Sql.tidy(sb.toString());
    }
}
