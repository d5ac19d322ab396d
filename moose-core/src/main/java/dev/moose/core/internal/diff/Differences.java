package dev.moose.core.internal.diff;

import dev.moose.core.model.Equivalence;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.SqlResource;
import dev.moose.core.model.Table;
import dev.moose.core.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Every way one map differs from another, as lines a person can act on: {@code table events: column status added
 * (String)}. Used by drift checks and plan validation; empty means equivalent.
 */
public final class Differences {

    private Differences() {
    }

    /**
     * How {@code actual} differs from {@code expected}.
     *
     * @param compareTableComments false when the server cannot store table comments
     */
    public static List<String> between(InfraMap expected, InfraMap actual, boolean compareTableComments) {
        List<String> out = new ArrayList<>();
        for (String key : keys(expected.tables().keySet(), actual.tables().keySet())) {
            Table e = expected.tables().get(key);
            Table a = actual.tables().get(key);
            if (a == null) {
                out.add("table " + key + ": missing");
            } else if (e == null) {
                out.add("table " + key + ": present but not expected (columns: " + String.join(", ", a.columnNames()) + ")");
            } else {
                TableDelta.between(e, a, compareTableComments).describe().forEach(d -> out.add("table " + key + ": " + d));
            }
        }
        for (String key : keys(expected.materializedViews().keySet(), actual.materializedViews().keySet())) {
            MaterializedView e = expected.materializedViews().get(key);
            MaterializedView a = actual.materializedViews().get(key);
            if (a == null) {
                out.add("materialized view " + key + ": missing");
            } else if (e == null) {
                out.add("materialized view " + key + ": present but not expected");
            } else {
                if (!e.targetKey().equals(a.targetKey())) {
                    out.add("materialized view " + key + ": writes to " + a.targetKey() + " instead of " + e.targetKey());
                }
                if (!Equivalence.sameSelect(e.select(), a.select())) {
                    out.add("materialized view " + key + ": SELECT is\n    " + a.select() + "\n  instead of\n    " + e.select());
                }
            }
        }
        for (String key : keys(expected.views().keySet(), actual.views().keySet())) {
            View e = expected.views().get(key);
            View a = actual.views().get(key);
            if (a == null) {
                out.add("view " + key + ": missing");
            } else if (e == null) {
                out.add("view " + key + ": present but not expected");
            } else if (!Equivalence.sameSelect(e.select(), a.select())) {
                out.add("view " + key + ": SELECT is\n    " + a.select() + "\n  instead of\n    " + e.select());
            }
        }
        for (String key : keys(expected.sqlResources().keySet(), actual.sqlResources().keySet())) {
            SqlResource e = expected.sqlResources().get(key);
            SqlResource a = actual.sqlResources().get(key);
            if (a == null) {
                out.add("SQL resource " + key + ": missing");
            } else if (e == null) {
                out.add("SQL resource " + key + ": present but not expected");
            } else if (!sameResource(e, a)) {
                out.add("SQL resource " + key + ": setup or teardown statements differ");
            }
        }
        return out;
    }

    static boolean sameResource(SqlResource a, SqlResource b) {
        return a.setup().equals(b.setup()) && a.teardown().equals(b.teardown()) && a.dependsOn().equals(b.dependsOn())
                && Objects.equals(a.database(), b.database());
    }

    private static TreeSet<String> keys(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
