package dev.moose.core.model;

import dev.moose.core.internal.sql.Credentials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tree form of model objects (maps, lists, strings, numbers), in reading order with the name first and
 * {@code null}s left out: the single shape both the JSON snapshots (which sort the keys) and {@code plan.yaml}
 * (which keeps this order) are written from. Credentials are written as {@code '[HIDDEN]'}.
 */
public final class ModelTree {

    public static final String HIDDEN = "'[HIDDEN]'";

    private ModelTree() {
    }

    public static Map<String, Object> table(Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        put(m, "database", t.database());
        m.put("columns", t.columns().stream().map(ModelTree::column).toList());
        m.put("engine", maskEngine(t.engine()).render());
        m.put("order_by", t.orderBy());
        if (!t.primaryKey().isEmpty()) {
            m.put("primary_key", t.primaryKey());
        }
        put(m, "partition_by", t.partitionBy());
        put(m, "sample_by", t.sampleBy());
        if (!t.settings().isEmpty()) {
            m.put("settings", settings(t.settings()));
        }
        put(m, "ttl", t.ttl());
        if (!t.indexes().isEmpty()) {
            m.put("indexes", t.indexes().stream().map(ModelTree::index).toList());
        }
        if (!t.projections().isEmpty()) {
            m.put("projections", t.projections().stream().map(ModelTree::projection).toList());
        }
        m.put("life_cycle", t.lifeCycle().name());
        put(m, "cluster", t.cluster());
        put(m, "comment", t.comment());
        return m;
    }

    public static Map<String, Object> column(Column c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("data_type", c.type().toString());
        if (c.defaultValue() != null) {
            m.put(c.defaultValue().kind().name().toLowerCase(Locale.ROOT),
                    c.defaultValue().expression() == null ? "" : c.defaultValue().expression());
        }
        put(m, "comment", c.comment());
        put(m, "codec", c.codec());
        put(m, "ttl", c.ttl());
        put(m, "renamed_from", c.renamedFrom());
        return m;
    }

    public static Map<String, Object> index(TableIndex i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", i.name());
        m.put("expression", i.expression());
        m.put("type", i.type());
        m.put("granularity", i.granularity());
        return m;
    }

    public static Map<String, Object> projection(TableProjection p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("query", p.query());
        return m;
    }

    public static Map<String, Object> materializedView(MaterializedView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        put(m, "database", v.database());
        m.put("target_table", v.targetTable());
        put(m, "target_database", v.targetDatabase());
        m.put("select_sql", v.select());
        m.put("life_cycle", v.lifeCycle().name());
        return m;
    }

    public static Map<String, Object> view(View v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        put(m, "database", v.database());
        m.put("select_sql", v.select());
        m.put("life_cycle", v.lifeCycle().name());
        return m;
    }

    public static Map<String, Object> sqlResource(SqlResource r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        put(m, "database", r.database());
        m.put("setup", r.setup());
        m.put("teardown", r.teardown());
        m.put("depends_on", r.dependsOn());
        return m;
    }

    /** Settings with credential-looking names written as {@code '[HIDDEN]'} unless they read the environment. */
    public static Map<String, Object> settings(Map<String, String> settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        settings.forEach((k, v) -> m.put(k, isCredentialSetting(k) && !v.startsWith("'${") ? HIDDEN : v));
        return m;
    }

    /** Credential positions of object-storage engines: the access key and secret after the URL. */
    public static TableEngine maskEngine(TableEngine engine) {
        List<String> args = new ArrayList<>(engine.arguments());
        boolean masked = false;
        for (int i = 0; i < args.size(); i++) {
            if (Credentials.isCredentialArgument(engine.name(), i, args.size()) && args.get(i).startsWith("'")
                    && !Credentials.isEnvironmentReference(args.get(i))) {
                args.set(i, HIDDEN);
                masked = true;
            }
        }
        return masked ? new TableEngine(engine.name(), args) : engine;
    }

    public static boolean isCredentialSetting(String name) {
        return Credentials.isCredentialSetting(name);
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
