package dev.moose.core.plan;

import dev.moose.core.MooseException;
import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.Column;
import dev.moose.core.model.ColumnDefault;
import dev.moose.core.model.LifeCycle;
import dev.moose.core.model.SqlResource;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableEngine;
import dev.moose.core.model.TableIndex;
import dev.moose.core.model.TableProjection;
import dev.moose.core.types.ClickHouseType;
import dev.moose.core.types.JavaTypeMapping;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the positioned YAML tree of {@code plan.yaml} into a plan: the top level here, each operation's fields by its
 * {@link OperationType}, the model shapes (tables, columns, types, engines) here too, every error with its line and
 * column. Reads our canonical form and the shapes in the seed documents.
 */
final class PlanReader {
    private final String source;
    private final List<String> warnings;

    PlanReader(String source, List<String> warnings) {
        this.source = source;
        this.warnings = warnings;
    }

    MigrationPlan plan(YamlNode root) {
        if (root == null || (root instanceof YamlNode.Scalar s && s.value() == null)) {
            return new MigrationPlan(null, List.of(), warnings);
        }
        Instant createdAt = null;
        YamlNode operations;
        if (root instanceof YamlNode.ListNode) {
            operations = root;
        } else if (root instanceof YamlNode.MapNode m) {
            for (String key : m.entries().keySet()) {
                if (!key.equals("created_at") && !key.equals("operations")) {
                    int[] at = m.keyPositions().get(key);
                    throw fail(at[0], at[1], "unknown key '" + key + "' at the top of the plan; expected created_at and operations");
                }
            }
            YamlNode created = m.entries().get("created_at");
            if (created instanceof YamlNode.Scalar s && s.value() != null) {
                try {
                    createdAt = Instant.parse(s.value());
                } catch (DateTimeParseException e) {
                    throw fail(s, "created_at '" + s.value() + "' is not a timestamp like 2025-08-20T05:35:31Z");
                }
            }
            operations = m.entries().get("operations");
            if (operations == null || (operations instanceof YamlNode.Scalar s && s.value() == null)) {
                return new MigrationPlan(createdAt, List.of(), warnings);
            }
        } else {
            throw fail(root, "a plan is a list of operations, or created_at and operations; found " + root.kind());
        }
        if (!(operations instanceof YamlNode.ListNode list)) {
            throw fail(operations, "operations must be a list, found " + operations.kind());
        }
        List<Operation> ops = new ArrayList<>();
        for (YamlNode item : list.items()) {
            ops.add(operation(item));
        }
        return new MigrationPlan(createdAt, ops, warnings);
    }

    private Operation operation(YamlNode item) {
        if (!(item instanceof YamlNode.MapNode m) || m.entries().size() != 1) {
            throw fail(item, "each operation is a mapping with one key, its name (for example '- AddTableColumn:'); "
                    + "valid operations: " + String.join(", ", Operations.tags()));
        }
        String tag = m.entries().keySet().iterator().next();
        int[] at = m.keyPositions().get(tag);
        OperationType<?> type = Operations.byTag(tag).orElseThrow(() -> fail(at[0], at[1], "unknown operation '" + tag
                + "'; valid operations: " + String.join(", ", Operations.tags())));
        String name = type.tag();
        YamlNode body = m.entries().get(tag);
        if (!(body instanceof YamlNode.MapNode fieldsNode)) {
            throw fail(body == null ? item : body, name + " needs its fields as a mapping, found "
                    + (body == null ? "nothing" : body.kind()));
        }
        Fields f = new Fields(name, fieldsNode);
        try {
            Operation op = type.reader().read(f);
            f.finish();
            return op;
        } catch (PlanException e) {
            if (e.getMessage().startsWith(source + ":")) {
                throw e;
            }
            throw fail(fieldsNode, e.getMessage());
        } catch (MooseException e) {
            throw fail(fieldsNode, name + ": " + e.getMessage());
        }
    }

    private LifeCycle lifeCycle(Fields f) {
        String lc = f.optText("life_cycle");
        if (lc == null) {
            return LifeCycle.FULLY_MANAGED;
        }
        try {
            return LifeCycle.valueOf(lc);
        } catch (IllegalArgumentException e) {
            throw f.error("life_cycle", "'" + lc + "' is not FULLY_MANAGED, DELETION_PROTECTED or EXTERNALLY_MANAGED");
        }
    }

    /** An index's fields: name, expression, type (or type and arguments), granularity. */
    private TableIndex index(Fields i) {
        TableIndex index = new TableIndex(i.text("name"), i.text("expression"), indexType(i), i.integer("granularity", 1));
        i.finish();
        return index;
    }

    /** A projection's fields: name and query ({@code body} in the original tool's form). */
    private TableProjection projection(Fields p) {
        TableProjection projection = new TableProjection(p.text("name"), p.has("query") ? p.text("query") : p.text("body"));
        p.finish();
        return projection;
    }

    private static String indexType(Fields i) {
        String type = i.text("type");
        List<String> args = i.optTexts("arguments");
        return args.isEmpty() || type.contains("(") ? type : type + "(" + String.join(", ", args) + ")";
    }

    private SortedMap<String, String> settings(YamlNode.MapNode node) {
        SortedMap<String, String> out = new TreeMap<>();
        if (node != null) {
            node.entries().forEach((k, v) -> out.put(k, scalarText(v, "setting " + k)));
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------- tables

    /** Our table shape and the original tool's ({@code deduplicate}, {@code primary_key} flags, {@code table_settings} …). */
    private Table table(YamlNode.MapNode node, String where) {
        Fields f = new Fields(where, node);
        f.ignore("version", "metadata", "source_primitive", "engine_params_hash", "table_settings_hash", "seed_filter", "unique");
        String name = f.text("name");
        YamlNode colsNode = f.node("columns");
        if (!(colsNode instanceof YamlNode.ListNode colList)) {
            throw f.error("columns", "must be a list of columns");
        }
        List<Column> columns = new ArrayList<>();
        List<String> keyFlags = new ArrayList<>();
        for (YamlNode c : colList.items()) {
            if (c instanceof YamlNode.MapNode cm) {
                YamlNode pk = cm.entries().get("primary_key");
                Column col = column(cm, where + ".columns");
                if (pk instanceof YamlNode.Scalar s && "true".equals(s.value())) {
                    keyFlags.add(col.name());
                }
                columns.add(col);
            } else {
                throw fail(c, where + ".columns: each column is a mapping with name and data_type");
            }
        }
        TableEngine engine = engine(f);
        if (f.bool("deduplicate", false) && engine.name().equals("MergeTree")) {
            engine = TableEngine.of("ReplacingMergeTree");
        }
        // the original tool: columns flagged primary_key make the PRIMARY KEY, and without an ORDER BY of its own
        // ClickHouse sorts by it; our shape names both as lists
        List<String> orderBy = f.has("order_by") ? f.keyList("order_by") : List.of();
        List<String> primaryKey = f.has("primary_key_expression") ? Sql.keyElements(f.text("primary_key_expression"))
                : f.has("primary_key") ? f.keyList("primary_key") : keyFlags;
        if (orderBy.isEmpty() && !primaryKey.isEmpty()) {
            orderBy = primaryKey;
        }
        SortedMap<String, String> settings = settings(f.has("settings") ? f.optMap("settings") : f.optMap("table_settings"));
        String ttl = f.has("ttl") ? f.optText("ttl") : f.optText("table_ttl_setting");
        List<TableIndex> indexes = new ArrayList<>();
        for (YamlNode i : f.optList("indexes")) {
            indexes.add(index(new Fields(where + ".indexes", mapOf(i, where + ".indexes"))));
        }
        List<TableProjection> projections = new ArrayList<>();
        for (YamlNode p : f.optList("projections")) {
            projections.add(projection(new Fields(where + ".projections", mapOf(p, where + ".projections"))));
        }
        String cluster = f.cluster();
        Table t = new Table(name, f.optText("database"), columns, engine, orderBy, primaryKey, f.optText("partition_by"),
                f.optText("sample_by"), settings, ttl, indexes, projections, lifeCycle(f), cluster, f.optText("comment"));
        f.finish();
        return t;
    }

    /**
     * {@code MergeTree}, {@code ReplacingMergeTree(ver)}, or the original tool's tagged form
     * {@code {ReplacingMergeTree: {ver: v, is_deleted: d}}}; no engine (or {@code null}) is MergeTree, as there.
     */
    private TableEngine engine(Fields f) {
        if (!f.has("engine")) {
            return TableEngine.mergeTree();
        }
        YamlNode e = f.node("engine");
        if (e instanceof YamlNode.Scalar s && s.value() != null) {
            return TableEngine.parse(s.value());
        }
        if (e instanceof YamlNode.MapNode m && m.entries().size() == 1) {
            String engineName = m.entries().keySet().iterator().next();
            return taggedEngine(engineName, m.entries().get(engineName), f);
        }
        throw f.error("engine", "must be an engine like MergeTree or ReplacingMergeTree(version)");
    }

    /** How a parameter of a tagged engine is written in SQL. */
    private enum ParamKind { STRING, COLUMN, COLUMNS, EXPRESSION, NUMBER }

    private record EngineParam(String name, ParamKind kind, boolean required) {
    }

    /**
     * The original tool's engine parameters, by name, in the order ClickHouse takes them (its ClickhouseEngine
     * serde type). Replicated variants take {@code keeper_path} and {@code replica_name} first.
     */
    private static final Map<String, List<EngineParam>> ENGINE_PARAMS = Map.ofEntries(
            Map.entry("MergeTree", List.of()),
            Map.entry("AggregatingMergeTree", List.of()),
            Map.entry("ReplacingMergeTree", List.of(new EngineParam("ver", ParamKind.COLUMN, false),
                    new EngineParam("is_deleted", ParamKind.COLUMN, false))),
            Map.entry("SummingMergeTree", List.of(new EngineParam("columns", ParamKind.COLUMNS, false))),
            Map.entry("CollapsingMergeTree", List.of(new EngineParam("sign", ParamKind.COLUMN, true))),
            Map.entry("VersionedCollapsingMergeTree", List.of(new EngineParam("sign", ParamKind.COLUMN, true),
                    new EngineParam("version", ParamKind.COLUMN, true))),
            Map.entry("Distributed", List.of(new EngineParam("cluster", ParamKind.STRING, true),
                    new EngineParam("target_database", ParamKind.STRING, true), new EngineParam("target_table", ParamKind.STRING, true),
                    new EngineParam("sharding_key", ParamKind.EXPRESSION, false), new EngineParam("policy_name", ParamKind.STRING, false))),
            Map.entry("Merge", List.of(new EngineParam("source_database", ParamKind.STRING, true),
                    new EngineParam("tables_regexp", ParamKind.STRING, true))),
            Map.entry("Kafka", List.of(new EngineParam("broker_list", ParamKind.STRING, true),
                    new EngineParam("topic_list", ParamKind.STRING, true), new EngineParam("group_name", ParamKind.STRING, true),
                    new EngineParam("format", ParamKind.STRING, true))),
            Map.entry("Buffer", List.of(new EngineParam("target_database", ParamKind.STRING, true),
                    new EngineParam("target_table", ParamKind.STRING, true), new EngineParam("num_layers", ParamKind.NUMBER, true),
                    new EngineParam("min_time", ParamKind.NUMBER, true), new EngineParam("max_time", ParamKind.NUMBER, true),
                    new EngineParam("min_rows", ParamKind.NUMBER, true), new EngineParam("max_rows", ParamKind.NUMBER, true),
                    new EngineParam("min_bytes", ParamKind.NUMBER, true), new EngineParam("max_bytes", ParamKind.NUMBER, true),
                    new EngineParam("flush_time", ParamKind.NUMBER, false), new EngineParam("flush_rows", ParamKind.NUMBER, false),
                    new EngineParam("flush_bytes", ParamKind.NUMBER, false))));

    /**
     * An engine in the tagged form, its parameters read by name and put in ClickHouse's order. A parameter the
     * engine does not take, one missing that it needs, or one given without those before it is refused, naming it.
     */
    private TableEngine taggedEngine(String engineName, YamlNode args, Fields table) {
        String where = table.where + ".engine." + engineName;
        boolean replicated = engineName.startsWith("Replicated");
        String base = replicated ? engineName.substring("Replicated".length()) : engineName;
        List<EngineParam> params = ENGINE_PARAMS.get(base);
        if (params == null || (replicated && !base.endsWith("MergeTree"))) {
            throw table.error("engine", "is " + engineName + " in the tagged form, whose parameters this reader does not know: "
                    + "write the engine as text, as ClickHouse takes it, e.g. engine: \"" + engineName + "(…)\"");
        }
        YamlNode.MapNode map = args instanceof YamlNode.MapNode m ? m : new YamlNode.MapNode(new LinkedHashMap<>(), Map.of(), args.line(), args.column());
        if (!(args instanceof YamlNode.MapNode) && !(args instanceof YamlNode.Scalar s && s.value() == null)) {
            throw fail(args, where + " must be a mapping of its parameters by name");
        }
        Fields p = new Fields(where, map);
        List<String> out = new ArrayList<>();
        if (replicated) {
            boolean path = p.has("keeper_path");
            if (path != p.has("replica_name")) {
                throw p.error(path ? "replica_name" : "keeper_path", "is missing: give keeper_path and replica_name together, or neither "
                        + "(the server's defaults)");
            }
            if (path) {
                out.add(param(p, new EngineParam("keeper_path", ParamKind.STRING, true)));
                out.add(param(p, new EngineParam("replica_name", ParamKind.STRING, true)));
            }
        }
        String missing = null;
        for (EngineParam param : params) {
            if (!p.has(param.name())) {
                if (param.required()) {
                    throw fail(map.entries().isEmpty() ? args : map, where + " needs '" + param.name() + "'");
                }
                missing = missing == null ? param.name() : missing;
                continue;
            }
            if (missing != null) {
                throw p.error(param.name(), "cannot be given without '" + missing + "': ClickHouse takes " + engineName
                        + "'s parameters in order (" + String.join(", ", params.stream().map(EngineParam::name).toList()) + ")");
            }
            out.add(param(p, param));
        }
        p.finish();
        return new TableEngine(engineName, out);
    }

    private String param(Fields p, EngineParam param) {
        YamlNode v = p.node(param.name());
        if (param.kind() == ParamKind.COLUMNS) {
            List<String> names = new ArrayList<>();
            for (YamlNode item : v instanceof YamlNode.ListNode l ? l.items() : List.of(v)) {
                names.add(Sql.identifierIfNeeded(scalarText(item, p.where + "." + param.name())));
            }
            return "(" + String.join(", ", names) + ")";
        }
        String text = scalarText(v, p.where + "." + param.name());
        return switch (param.kind()) {
            case STRING -> Sql.quoteString(text.length() >= 2 && text.startsWith("'") && text.endsWith("'") ? Sql.unquoteString(text) : text);
            case COLUMN -> Sql.identifierIfNeeded(text);
            case NUMBER -> {
                if (!text.matches("\\d+")) {
                    throw p.error(param.name(), "must be a whole number, found " + text);
                }
                yield text;
            }
            default -> text;
        };
    }

    // -------------------------------------------------------------------------------------------- columns

    /**
     * Our column shape ({@code data_type} with Nullable inside, {@code default}/{@code materialized}/{@code alias})
     * and the original tool's ({@code required}, {@code annotations: [[LowCardinality, true]]}, {@code default: NOW}).
     */
    private Column column(YamlNode.MapNode node, String where) {
        Fields f = new Fields(where, node);
        f.ignore("unique", "primary_key");
        String name = f.text("name");
        YamlNode typeNode = f.has("data_type") ? f.node("data_type") : f.node("type");
        ClickHouseType type = type(typeNode, where + "." + name + ".data_type");
        boolean lowCardinality = false;
        boolean aggregate = false;
        for (YamlNode a : f.optList("annotations")) {
            if (!(a instanceof YamlNode.ListNode pair && pair.items().size() == 2 && pair.items().get(0) instanceof YamlNode.Scalar k)) {
                throw fail(a, where + "." + name + ".annotations: each annotation is a [name, value] pair");
            }
            String kind = ((YamlNode.Scalar) pair.items().get(0)).value();
            YamlNode value = pair.items().get(1);
            switch (kind == null ? "" : kind) {
                case "LowCardinality" -> lowCardinality = value instanceof YamlNode.Scalar v && "true".equals(v.value());
                case "simpleAggregationFunction" -> {
                    type = aggregate("SimpleAggregateFunction", value, false, where + "." + name);
                    aggregate = true;
                }
                case "aggregationFunction" -> {
                    type = aggregate("AggregateFunction", value, true, where + "." + name);
                    aggregate = true;
                }
                default -> throw fail(a, where + "." + name + ".annotations: '" + kind + "' is not an annotation this reader "
                        + "knows (LowCardinality, simpleAggregationFunction, aggregationFunction): write the column's type as "
                        + "ClickHouse text in data_type instead");
            }
        }
        boolean nullable = f.has("required") && !f.bool("required", true);
        if (type instanceof ClickHouseType.Array || type instanceof ClickHouseType.Nested || type instanceof ClickHouseType.Map || aggregate) {
            nullable = false; // the original tool never wraps these, whatever 'required' says
        }
        try {
            type = JavaTypeMapping.wrap(type, nullable, lowCardinality);
        } catch (MooseException e) {
            throw f.error("data_type", e.getMessage());
        }
        ColumnDefault def = null;
        for (ColumnDefault.Kind kind : ColumnDefault.Kind.values()) {
            String key = kind.name().toLowerCase(Locale.ROOT);
            String expression = f.optText(key);
            if (expression != null) {
                if (def != null) {
                    throw f.error(key, "a column has at most one of default, materialized, alias and ephemeral");
                }
                def = new ColumnDefault(kind, kind == ColumnDefault.Kind.DEFAULT ? defaultExpression(expression) : expression);
            }
        }
        Column c = new Column(name, type, def, f.optText("comment"), f.optText("codec"), f.optText("ttl"), f.optText("renamed_from"));
        f.finish();
        return c;
    }

    /**
     * The original tool's aggregate annotations: {@code {functionName: sum, argumentType: T}} makes
     * {@code SimpleAggregateFunction(sum, T)}, {@code {functionName: uniq, argumentTypes: [T, …]}} makes
     * {@code AggregateFunction(uniq, T, …)}; the column's own type is the state's, and is replaced.
     */
    private ClickHouseType aggregate(String family, YamlNode value, boolean several, String where) {
        Fields f = new Fields(where + ".annotations." + family, mapOf(value, where));
        String function = f.text("functionName");
        List<String> args = new ArrayList<>();
        if (several) {
            for (YamlNode t : f.optList("argumentTypes")) {
                args.add(type(t, where + ".argumentTypes").toString());
            }
        } else {
            args.add(type(f.node("argumentType"), where + ".argumentType").toString());
        }
        f.finish();
        try {
            return ClickHouseType.parse(family + "(" + function + (args.isEmpty() ? "" : ", " + String.join(", ", args)) + ")");
        } catch (MooseException e) {
            throw fail(value, where + ": " + e.getMessage());
        }
    }

    /** {@code NOW} (as the seed documents write it) means the current time. */
    private static String defaultExpression(String expression) {
        String e = expression.strip();
        if (e.equalsIgnoreCase("NOW") || e.equalsIgnoreCase("CURRENT_TIMESTAMP")) {
            return "now()";
        }
        return e;
    }

    /**
     * A type as text ({@code Nullable(Float64)}) or structured: {@code {Nullable: {nullable: T}}},
     * {@code {nullable: T}}, {@code {LowCardinality: T}}, {@code {elementType: T, elementNullable: b}},
     * {@code {keyType: K, valueType: V}}, {@code {fields: [[name, T], …]}}, {@code {name, values}} (enum).
     */
    private ClickHouseType type(YamlNode node, String where) {
        if (node instanceof YamlNode.Scalar s && s.value() != null && !s.bool()) {
            try {
                return ClickHouseType.parse(originalTypeNames(s.value()));
            } catch (MooseException e) {
                throw fail(s, where + ": " + e.getMessage());
            }
        }
        if (node instanceof YamlNode.MapNode m) {
            Map<String, YamlNode> e = m.entries();
            try {
                if (e.size() == 1 && e.containsKey("Nullable")) {
                    YamlNode inner = e.get("Nullable");
                    if (inner instanceof YamlNode.MapNode im && im.entries().containsKey("nullable")) {
                        inner = im.entries().get("nullable");
                    }
                    return nullable(type(inner, where));
                }
                if (e.size() == 1 && e.containsKey("nullable")) {
                    return nullable(type(e.get("nullable"), where));
                }
                if (e.size() == 1 && e.containsKey("LowCardinality")) {
                    return new ClickHouseType.LowCardinality(type(e.get("LowCardinality"), where));
                }
                if (e.containsKey("elementType")) {
                    ClickHouseType element = type(e.get("elementType"), where);
                    boolean elementNullable = e.get("elementNullable") instanceof YamlNode.Scalar b && "true".equals(b.value());
                    return new ClickHouseType.Array(elementNullable ? nullable(element) : element);
                }
                if (e.containsKey("keyType") && e.containsKey("valueType")) {
                    return new ClickHouseType.Map(type(e.get("keyType"), where), type(e.get("valueType"), where));
                }
                if (e.get("fields") instanceof YamlNode.ListNode fields) {
                    List<ClickHouseType.Element> elements = new ArrayList<>();
                    for (YamlNode pair : fields.items()) {
                        if (pair instanceof YamlNode.ListNode p && p.items().size() == 2) {
                            elements.add(new ClickHouseType.Element(scalarText(p.items().get(0), where), type(p.items().get(1), where)));
                        } else {
                            throw fail(pair, where + ": tuple fields are [name, type] pairs");
                        }
                    }
                    return new ClickHouseType.Tuple(elements);
                }
                if (e.get("values") instanceof YamlNode.ListNode values) {
                    return enumType(values, where);
                }
                if (e.get("columns") instanceof YamlNode.ListNode cols) {
                    List<ClickHouseType.Element> fields = new ArrayList<>();
                    for (YamlNode c : cols.items()) {
                        Column col = column(mapOf(c, where), where);
                        fields.add(new ClickHouseType.Element(col.name(), col.type()));
                    }
                    return new ClickHouseType.Nested(fields);
                }
            } catch (IllegalArgumentException ex) {
                throw fail(m, where + ": " + ex.getMessage());
            }
        }
        throw fail(node, where + " must be a ClickHouse type such as String or Nullable(Float64), found " + node.kind());
    }

    /**
     * The original tool's type names that ClickHouse does not have: its {@code Date16} is ClickHouse's
     * {@code Date}, its {@code DateTime(3)} (a precision, where ClickHouse's DateTime takes a time zone) is
     * {@code DateTime64(3)}. Names ClickHouse has keep ClickHouse's meaning.
     */
    static String originalTypeNames(String type) {
        return type.replaceAll("\\bDate16\\b", "Date").replaceAll("\\bDateTime\\((\\d+)\\)", "DateTime64($1)");
    }

    private static ClickHouseType nullable(ClickHouseType t) {
        return t.isNullable() ? t : new ClickHouseType.Nullable(t);
    }

    private ClickHouseType enumType(YamlNode.ListNode values, String where) {
        List<ClickHouseType.EnumValue> members = new ArrayList<>();
        int next = 1;
        for (YamlNode v : values.items()) {
            Fields f = new Fields(where + ".values", mapOf(v, where));
            String memberName = f.text("name");
            YamlNode value = f.node("value");
            int number = next;
            if (value instanceof YamlNode.Scalar s && s.number()) {
                number = enumValue(s, where);
            } else if (value instanceof YamlNode.MapNode vm && vm.entries().get("Int") instanceof YamlNode.Scalar s) {
                number = enumValue(s, where);
            } else if (value instanceof YamlNode.MapNode vm && vm.entries().get("String") instanceof YamlNode.Scalar s && s.value() != null) {
                // the original tool's string enum: ClickHouse stores the member's value as its label, numbered in order
                memberName = s.value();
            }
            members.add(new ClickHouseType.EnumValue(memberName, number));
            next = number + 1;
            f.finish();
        }
        boolean small = members.stream().allMatch(m -> m.value() >= Byte.MIN_VALUE && m.value() <= Byte.MAX_VALUE);
        return new ClickHouseType.Enum(small ? 8 : 16, members);
    }

    private YamlNode.MapNode mapOf(YamlNode node, String where) {
        if (node instanceof YamlNode.MapNode m) {
            return m;
        }
        throw fail(node, where + ": expected a mapping, found " + node.kind());
    }

    private String scalarText(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s && s.value() != null) {
            return s.value();
        }
        throw fail(node, what + " must be text, found " + node.kind());
    }

    /**
     * The fields of one mapping, read by name, and the model shapes in them; {@link #finish()} rejects the fields
     * nobody asked for.
     */
    final class Fields {
        private final String where;
        private final YamlNode.MapNode node;
        private final Set<String> read = new LinkedHashSet<>();

        Fields(String where, YamlNode.MapNode node) {
            this.where = where;
            this.node = node;
        }

        /** {@code table}, {@code database}, {@code cluster} (or the original tool's {@code cluster_name}). */
        TableRef ref() {
            String cluster = cluster();
            return new TableRef(text("table"), optText("database"), cluster);
        }

        Table table(String key) {
            return PlanReader.this.table(map(key), where + "." + key);
        }

        Column column(String key) {
            return PlanReader.this.column(map(key), where + "." + key);
        }

        ClickHouseType type(String key) {
            return PlanReader.this.type(node(key), where + "." + key);
        }

        TableIndex index(String key) {
            return PlanReader.this.index(new Fields(where + "." + key, map(key)));
        }

        TableProjection projection(String key) {
            return PlanReader.this.projection(new Fields(where + "." + key, map(key)));
        }

        /** {@code cluster}, or {@code cluster_name} as the original tool writes it. */
        String cluster() {
            String cluster = optText("cluster");
            return cluster != null ? cluster : optText("cluster_name");
        }

        SortedMap<String, String> settings(String key) {
            return PlanReader.this.settings(optMap(key));
        }

        /** {@code select_sql}, or {@code select} as the original tool writes it. */
        String selectSql() {
            String sql = optText("select_sql");
            return sql != null ? sql : text("select");
        }

        LifeCycle lifeCycle() {
            return PlanReader.this.lifeCycle(this);
        }

        SqlResource resource() {
            return new SqlResource(text("name"), optText("database"), texts("setup"), optTexts("teardown"), optTexts("depends_on"));
        }

        boolean has(String key) {
            read.add(key);
            YamlNode v = node.entries().get(key);
            return v != null && !(v instanceof YamlNode.Scalar s && s.value() == null);
        }

        void ignore(String... keys) {
            read.addAll(List.of(keys));
        }

        YamlNode node(String key) {
            read.add(key);
            YamlNode v = node.entries().get(key);
            if (v == null || (v instanceof YamlNode.Scalar s && s.value() == null)) {
                throw fail(node, where + " needs '" + key + "'");
            }
            return v;
        }

        String text(String key) {
            YamlNode v = node(key);
            if (v instanceof YamlNode.Scalar s) {
                return s.value();
            }
            throw error(key, "must be text, found " + v.kind());
        }

        String optText(String key) {
            return has(key) ? text(key) : null;
        }

        boolean bool(String key, boolean fallback) {
            if (!has(key)) {
                return fallback;
            }
            YamlNode v = node.entries().get(key);
            if (v instanceof YamlNode.Scalar s && (s.value().equals("true") || s.value().equals("false"))) {
                return Boolean.parseBoolean(s.value());
            }
            throw error(key, "must be true or false, found " + v.kind());
        }

        int integer(String key, int fallback) {
            if (!has(key)) {
                return fallback;
            }
            YamlNode v = node.entries().get(key);
            if (v instanceof YamlNode.Scalar s && s.value() != null && s.value().matches("\\d{1,9}")) {
                return Integer.parseInt(s.value());
            }
            throw error(key, "must be a whole number from 0 to 999999999, found " + (v instanceof YamlNode.Scalar s
                    && s.value() != null ? s.value() : v.kind()));
        }

        /** Text or a list of texts (the seed documents write {@code sql} both ways). */
        List<String> texts(String key) {
            YamlNode v = node(key);
            return textList(key, v);
        }

        List<String> optTexts(String key) {
            return has(key) ? textList(key, node.entries().get(key)) : List.of();
        }

        private List<String> textList(String key, YamlNode v) {
            if (v instanceof YamlNode.Scalar s) {
                return List.of(s.value());
            }
            if (v instanceof YamlNode.ListNode l) {
                List<String> out = new ArrayList<>();
                for (YamlNode item : l.items()) {
                    out.add(scalarText(item, where + "." + key));
                }
                return out;
            }
            throw error(key, "must be text or a list of texts, found " + v.kind());
        }

        /** A key as a list of elements or one expression. */
        List<String> keyList(String key) {
            YamlNode v = node(key);
            if (v instanceof YamlNode.Scalar s) {
                return Sql.keyElements(s.value());
            }
            return textList(key, v);
        }

        YamlNode.MapNode map(String key) {
            YamlNode v = node(key);
            if (v instanceof YamlNode.MapNode m) {
                return m;
            }
            throw error(key, "must be a mapping, found " + v.kind());
        }

        YamlNode.MapNode optMap(String key) {
            return has(key) ? map(key) : null;
        }

        List<YamlNode> optList(String key) {
            if (!has(key)) {
                return List.of();
            }
            YamlNode v = node.entries().get(key);
            if (v instanceof YamlNode.ListNode l) {
                return l.items();
            }
            throw error(key, "must be a list, found " + v.kind());
        }

        PlanException error(String key, String problem) {
            YamlNode v = node.entries().get(key);
            int[] at = node.keyPositions().get(key);
            return at != null ? fail(at[0], at[1], where + "." + key + " " + problem)
                    : fail(v == null ? node : v, where + "." + key + " " + problem);
        }

        void finish() {
            for (String key : node.entries().keySet()) {
                if (!read.contains(key)) {
                    int[] at = node.keyPositions().get(key);
                    throw fail(at[0], at[1], where + " has an unknown field '" + key + "'; its fields are: "
                            + String.join(", ", read));
                }
            }
        }
    }

    /** An Enum member's number: ClickHouse's Enum16 holds -32768 to 32767. */
    private int enumValue(YamlNode.Scalar s, String where) {
        if (s.value() != null && s.value().matches("-?\\d{1,5}")) {
            int n = Integer.parseInt(s.value());
            if (n >= Short.MIN_VALUE && n <= Short.MAX_VALUE) {
                return n;
            }
        }
        throw fail(s, where + ".values: an Enum member's value must be a whole number from -32768 to 32767, found " + s.value());
    }

    private PlanException fail(YamlNode node, String problem) {
        return fail(node.line(), node.column(), problem);
    }

    private PlanException fail(int line, int column, String problem) {
        return new PlanException(source + ":" + line + ":" + column + ": " + problem);
    }
}
