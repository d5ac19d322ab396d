package dev.moose.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import dev.moose.core.types.ClickHouseType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON form of an {@link InfraMap}, used by {@code local_infra_map.json} and {@code remote_state.json}:
 * pretty-printed, keys sorted, {@code \n} line endings, a {@code format_version}, no secrets (credential-looking
 * engine arguments and settings are written as {@code '[HIDDEN]'}). Writing then reading gives back an equal
 * map; the same map always gives the same bytes. Objects are written by {@link ModelTree}.
 */
public final class InfraMapJson {

    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * A map with the facts about how it was made ({@code clickhouse_version} …), kept under {@code "about"}, and, for
     * a database read, the objects it holds that the project leaves alone, each with why ({@code "unmanaged"}).
     */
    public record Snapshot(InfraMap infraMap, SortedMap<String, String> about, SortedMap<String, String> unmanaged) {
        public Snapshot {
            about = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(about == null ? Map.of() : about));
            unmanaged = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(unmanaged == null ? Map.of() : unmanaged));
        }

        public Snapshot(InfraMap infraMap, SortedMap<String, String> about) {
            this(infraMap, about, null);
        }
    }

    private InfraMapJson() {
    }

    public static String write(InfraMap map) {
        return write(new Snapshot(map, null));
    }

    public static String write(Snapshot snapshot) {
        Map<String, Object> root = new TreeMap<>();
        root.put("format_version", FORMAT_VERSION);
        if (!snapshot.about().isEmpty()) {
            root.put("about", snapshot.about());
        }
        InfraMap map = snapshot.infraMap();
        root.put("tables", mapValues(map.tables(), ModelTree::table));
        root.put("materialized_views", mapValues(map.materializedViews(), ModelTree::materializedView));
        root.put("views", mapValues(map.views(), ModelTree::view));
        root.put("sql_resources", mapValues(map.sqlResources(), ModelTree::sqlResource));
        if (!snapshot.unmanaged().isEmpty()) {
            root.put("unmanaged", snapshot.unmanaged());
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw MooseException.internal("Cannot write the infra map as JSON", e);
        }
    }

    public static void write(Snapshot snapshot, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, write(snapshot), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MooseException.internal("Cannot write " + file, e);
        }
    }

    private static <T> Map<String, Object> mapValues(SortedMap<String, T> in, java.util.function.Function<T, Map<String, Object>> f) {
        Map<String, Object> out = new TreeMap<>();
        in.forEach((k, v) -> out.put(k, f.apply(v)));
        return out;
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** A snapshot that cannot be read; the message names the file, the place in it and the problem. */
    public static final class InvalidSnapshotException extends MooseException {
        private static final long serialVersionUID = 1L;

        public InvalidSnapshotException(String message) {
            super(message);
        }
    }

    public static Snapshot read(Path file) {
        String text;
        try {
            text = dev.moose.core.InputFiles.read(file);
        } catch (IOException e) {
            throw new InvalidSnapshotException("Cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static InfraMap parse(String json) {
        return parse(json, "the infra map").infraMap();
    }

    /**
     * Reads a snapshot; {@code source} names it in messages.
     *
     * @throws InvalidSnapshotException naming the source, the line and column (syntax) or the JSON path (content)
     */
    public static Snapshot parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidSnapshotException(source + " is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()
                    + ". Regenerate it with " + Fix.GENERATE + ".");
        }
        Reader r = new Reader(source);
        return r.snapshot(root);
    }

    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        Snapshot snapshot(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw fail("", "the top level must be a JSON object");
            }
            int version = root.path("format_version").asInt(-1);
            if (version != FORMAT_VERSION) {
                throw fail("format_version", "expected " + FORMAT_VERSION + " but found " + root.path("format_version")
                        + (version > FORMAT_VERSION ? " (written by a newer moose; upgrade the plugin)" : ""));
            }
            known(root, "", "format_version", "about", "unmanaged", "tables", "materialized_views", "views", "sql_resources");
            SortedMap<String, String> about = new TreeMap<>();
            root.path("about").fields().forEachRemaining(e -> about.put(e.getKey(), e.getValue().asText()));
            SortedMap<String, String> unmanaged = new TreeMap<>();
            root.path("unmanaged").fields().forEachRemaining(e -> unmanaged.put(e.getKey(), e.getValue().asText()));
            List<Table> tables = new ArrayList<>();
            each(root, "tables", (path, n) -> tables.add(table(path, n)));
            List<MaterializedView> mvs = new ArrayList<>();
            each(root, "materialized_views", (path, n) -> {
                known(n, path, "name", "database", "target_table", "target_database", "select_sql", "life_cycle");
                mvs.add(new MaterializedView(text(n, path, "name"), optional(n, "database"), text(n, path, "target_table"),
                        optional(n, "target_database"), text(n, path, "select_sql"), lifeCycle(n, path)));
            });
            List<View> views = new ArrayList<>();
            each(root, "views", (path, n) -> {
                known(n, path, "name", "database", "select_sql", "life_cycle");
                views.add(new View(text(n, path, "name"), optional(n, "database"), text(n, path, "select_sql"), lifeCycle(n, path)));
            });
            List<SqlResource> resources = new ArrayList<>();
            each(root, "sql_resources", (path, n) -> {
                known(n, path, "name", "database", "setup", "teardown", "depends_on");
                resources.add(new SqlResource(text(n, path, "name"), optional(n, "database"), strings(n, "setup"),
                        strings(n, "teardown"), strings(n, "depends_on")));
            });
            try {
                return new Snapshot(InfraMap.of(tables, mvs, views, resources), about, unmanaged);
            } catch (MooseException e) {
                throw fail("", e.getMessage());
            }
        }

        private interface Entry {
            void accept(String path, JsonNode node);
        }

        private void each(JsonNode root, String field, Entry entry) {
            JsonNode section = root.path(field);
            if (section.isMissingNode()) {
                return;
            }
            if (!section.isObject()) {
                throw fail(field, "must be an object keyed by name");
            }
            Iterator<Map.Entry<String, JsonNode>> it = section.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = field + "." + e.getKey();
                try {
                    entry.accept(path, e.getValue());
                } catch (InvalidSnapshotException ex) {
                    throw ex;
                } catch (MooseException ex) {
                    throw fail(path, ex.getMessage());
                }
            }
        }

        private Table table(String path, JsonNode n) {
            known(n, path, "name", "database", "columns", "engine", "order_by", "primary_key", "partition_by", "sample_by",
                    "settings", "ttl", "indexes", "projections", "life_cycle", "cluster", "comment");
            List<Column> columns = new ArrayList<>();
            JsonNode cols = n.path("columns");
            for (int i = 0; i < cols.size(); i++) {
                columns.add(column(path + ".columns[" + i + "]", cols.get(i)));
            }
            Map<String, String> settings = new LinkedHashMap<>();
            n.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            List<TableIndex> indexes = new ArrayList<>();
            for (JsonNode i : n.path("indexes")) {
                known(i, path + ".indexes", "name", "expression", "type", "granularity");
                indexes.add(new TableIndex(text(i, path, "name"), text(i, path, "expression"), text(i, path, "type"),
                        i.path("granularity").asInt(1)));
            }
            List<TableProjection> projections = new ArrayList<>();
            for (JsonNode p : n.path("projections")) {
                known(p, path + ".projections", "name", "query");
                projections.add(new TableProjection(text(p, path, "name"), text(p, path, "query")));
            }
            return new Table(text(n, path, "name"), optional(n, "database"), columns,
                    TableEngine.parse(text(n, path, "engine")), strings(n, "order_by"), strings(n, "primary_key"),
                    optional(n, "partition_by"), optional(n, "sample_by"), new TreeMap<>(settings), optional(n, "ttl"),
                    indexes, projections, lifeCycle(n, path), optional(n, "cluster"), optional(n, "comment"));
        }

        private Column column(String path, JsonNode n) {
            List<String> fields = new ArrayList<>(List.of("name", "data_type", "comment", "codec", "ttl", "renamed_from"));
            for (ColumnDefault.Kind kind : ColumnDefault.Kind.values()) {
                fields.add(kind.name().toLowerCase(Locale.ROOT));
            }
            known(n, path, fields.toArray(String[]::new));
            ColumnDefault def = null;
            for (ColumnDefault.Kind kind : ColumnDefault.Kind.values()) {
                String expression = optional(n, kind.name().toLowerCase(Locale.ROOT));
                if (expression != null) {
                    def = new ColumnDefault(kind, expression.isEmpty() ? null : expression);
                }
            }
            ClickHouseType type;
            try {
                type = ClickHouseType.parse(text(n, path, "data_type"));
            } catch (MooseException e) {
                throw fail(path + ".data_type", e.getMessage());
            }
            return new Column(text(n, path, "name"), type, def, optional(n, "comment"), optional(n, "codec"),
                    optional(n, "ttl"), optional(n, "renamed_from"));
        }

        private LifeCycle lifeCycle(JsonNode n, String path) {
            String v = n.path("life_cycle").asText(LifeCycle.FULLY_MANAGED.name());
            try {
                return LifeCycle.valueOf(v);
            } catch (IllegalArgumentException e) {
                throw fail(path + ".life_cycle", "'" + v + "' is not one of FULLY_MANAGED, DELETION_PROTECTED, EXTERNALLY_MANAGED");
            }
        }

        /**
         * Refuses a field this version never writes: a snapshot is compared field by field with the database, so
         * one that says more than this version understands cannot be checked.
         */
        private void known(JsonNode n, String path, String... fields) {
            List<String> allowed = List.of(fields);
            Iterator<String> names = n.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw fail(path.isEmpty() ? name : path + "." + name, "is not a field of a snapshot this version of moose "
                            + "writes (its fields" + (path.isEmpty() ? "" : " there") + ": " + String.join(", ", allowed) + ")");
                }
            }
        }

        private String text(JsonNode n, String path, String field) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull() || !v.isValueNode()) {
                throw fail(path + "." + field, "is missing");
            }
            return v.asText();
        }

        private static String optional(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }

        private static List<String> strings(JsonNode n, String field) {
            List<String> out = new ArrayList<>();
            for (JsonNode v : n.path(field)) {
                out.add(v.asText());
            }
            return out;
        }

        private InvalidSnapshotException fail(String path, String problem) {
            return new InvalidSnapshotException(source + (path.isEmpty() ? "" : " at " + path) + ": " + problem
                    + ". Regenerate it with " + Fix.GENERATE + ".");
        }
    }
}
