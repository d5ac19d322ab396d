package dev.moose.core.internal.diff;

import dev.moose.core.model.Column;
import dev.moose.core.model.Table;
import dev.moose.core.plan.ChangeLine;
import dev.moose.core.plan.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as the change log people read (the seed documents' style):
 * <pre>
 * + Table: new_table (id String, name String) ORDER BY id
 * ~ Table events:
 *   Column changes:
 *     + status: String
 *     - old_column: Int64
 *     some_column: String -&gt; LowCardinality(String)
 * ~ Materialized View: mv_to_target
 * </pre>
 */
public final class ChangeLog {

    private ChangeLog() {
    }

    private static final class TableEntry {
        final List<String> columns = new ArrayList<>();
        final List<String> other = new ArrayList<>();
        String headline;
    }

    /** The change log of {@code operations}; {@code before} (the state they start from) supplies dropped columns' types. */
    public static List<String> lines(List<Operation> operations, dev.moose.core.model.InfraMap before) {
        Map<String, TableEntry> tables = new LinkedHashMap<>();
        Map<String, String> views = new LinkedHashMap<>();
        List<String> tail = new ArrayList<>();
        for (Operation op : operations) {
            ChangeLine line = op.changeLine(before);
            switch (line.kind()) {
                case TABLE_HEADLINE -> entry(tables, line.key()).headline = line.text();
                case TABLE_COLUMN -> entry(tables, line.key()).columns.add(line.text());
                case TABLE_OTHER -> entry(tables, line.key()).other.add(line.text());
                case OBJECT_ADDED -> mark(views, line.key(), '+');
                case OBJECT_DROPPED -> mark(views, line.key(), '-');
                case FIRST -> tail.add(0, line.text());
                case LAST -> tail.add(line.text());
            }
        }
        List<String> out = new ArrayList<>();
        tables.forEach((key, e) -> {
            if (e.headline != null) {
                out.add(e.headline);
            }
            if (!e.columns.isEmpty() || !e.other.isEmpty()) {
                out.add("~ Table " + key + ":");
                if (!e.columns.isEmpty()) {
                    out.add("  Column changes:");
                    e.columns.forEach(c -> out.add("    " + c));
                }
                e.other.forEach(o -> out.add("  " + o));
            }
        });
        views.forEach((name, sign) -> out.add(sign + " " + name));
        out.addAll(tail);
        return out;
    }

    private static String typeSuffix(Column c) {
        return c == null ? "" : ": " + c.type();
    }

    private static TableEntry entry(Map<String, TableEntry> tables, String key) {
        return tables.computeIfAbsent(key, k -> new TableEntry());
    }

    /** A drop then a create of the same object is a change. */
    private static void mark(Map<String, String> views, String name, char sign) {
        String previous = views.get(name);
        views.put(name, previous != null && !previous.equals(String.valueOf(sign)) ? "~" : String.valueOf(sign));
    }
}
