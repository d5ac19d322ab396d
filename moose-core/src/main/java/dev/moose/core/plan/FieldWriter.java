package dev.moose.core.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/** An operation's fields as {@code plan.yaml} holds them, in the order written. */
public final class FieldWriter {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    FieldWriter() {
    }

    public void put(String key, Object value) {
        fields.put(key, value);
    }

    /** Writes the field only when there is a value. */
    public void putIf(String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    public void putAll(Map<String, Object> values) {
        fields.putAll(values);
    }

    /** {@code table}, then {@code database} and {@code cluster} when set. */
    public void ref(TableRef t) {
        put("table", t.table());
        putIf("database", t.database());
        putIf("cluster", t.cluster());
    }

    Map<String, Object> fields() {
        return fields;
    }
}
