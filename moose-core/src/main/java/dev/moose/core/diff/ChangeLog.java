package dev.moose.core.diff;

import dev.moose.core.model.Column;
import dev.moose.core.model.Table;
import dev.moose.core.plan.AddTableColumn;
import dev.moose.core.plan.AddTableIndex;
import dev.moose.core.plan.AddTableProjection;
import dev.moose.core.plan.ChangeTableColumn;
import dev.moose.core.plan.CreateDatabase;
import dev.moose.core.plan.CreateMaterializedView;
import dev.moose.core.plan.CreateSqlResource;
import dev.moose.core.plan.CreateTable;
import dev.moose.core.plan.CreateView;
import dev.moose.core.plan.DropMaterializedView;
import dev.moose.core.plan.DropSqlResource;
import dev.moose.core.plan.DropTable;
import dev.moose.core.plan.DropTableColumn;
import dev.moose.core.plan.DropTableIndex;
import dev.moose.core.plan.DropTableProjection;
import dev.moose.core.plan.DropView;
import dev.moose.core.plan.ModifySampleBy;
import dev.moose.core.plan.ModifyTableColumn;
import dev.moose.core.plan.ModifyTableComment;
import dev.moose.core.plan.ModifyTableSettings;
import dev.moose.core.plan.ModifyTableTtl;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.PopulateMaterializedView;
import dev.moose.core.plan.RawSql;
import dev.moose.core.plan.RebuildTable;
import dev.moose.core.plan.RemoveSampleBy;
import dev.moose.core.plan.RenameTableColumn;
import dev.moose.core.plan.TableRef;
import dev.moose.core.sql.Sql;
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
            if (op instanceof CreateTable o) {
                Table t = o.table();
                entry(tables, t.key()).headline = "+ Table: " + t.displayName() + " ("
                        + String.join(", ", t.columns().stream().map(c -> c.name() + " " + c.type()).toList()) + ")"
                        + (t.engine().supportsSortingKey() ? " ORDER BY " + Sql.keyExpression(t.orderBy()) : "")
                        + (t.engine().name().equals("MergeTree") ? "" : " ENGINE " + t.engine().render());
            } else if (op instanceof DropTable o) {
                entry(tables, o.table().key()).headline = "- Table: " + o.table().displayName();
            } else if (op instanceof RebuildTable o) {
                entry(tables, o.after().key()).other.add("rebuilt: " + o.changes());
            } else if (op instanceof AddTableColumn o) {
                entry(tables, o.table().key()).columns.add("+ " + o.column().name() + ": " + o.column().type());
            } else if (op instanceof DropTableColumn o) {
                Column c = before.table(o.table().key()).flatMap(t -> t.column(o.columnName())).orElse(null);
                entry(tables, o.table().key()).columns.add("- " + o.columnName() + typeSuffix(c));
            } else if (op instanceof ModifyTableColumn o) {
                entry(tables, o.table().key()).columns.add(o.after().name() + ": " + TableDelta.columnChange(o.before(), o.after()));
            } else if (op instanceof ChangeTableColumn o) {
                entry(tables, o.table().key()).columns.add(o.columnName() + ": -> " + o.dataType());
            } else if (op instanceof RenameTableColumn o) {
                entry(tables, o.table().key()).columns.add(o.beforeColumnName() + " -> " + o.afterColumnName() + " (renamed)");
            } else if (op instanceof ModifyTableSettings o) {
                entry(tables, o.table().key()).other.add("settings: " + o.beforeSettings() + " -> " + o.afterSettings());
            } else if (op instanceof ModifyTableTtl o) {
                entry(tables, o.table().key()).other.add("TTL: " + o.before() + " -> " + o.after());
            } else if (op instanceof AddTableIndex o) {
                entry(tables, o.table().key()).other.add("+ index " + o.index().name() + " " + o.index().type());
            } else if (op instanceof DropTableIndex o) {
                entry(tables, o.table().key()).other.add("- index " + o.indexName());
            } else if (op instanceof AddTableProjection o) {
                entry(tables, o.table().key()).other.add("+ projection " + o.projection().name());
            } else if (op instanceof DropTableProjection o) {
                entry(tables, o.table().key()).other.add("- projection " + o.projectionName());
            } else if (op instanceof ModifySampleBy o) {
                entry(tables, o.table().key()).other.add("SAMPLE BY " + o.expression());
            } else if (op instanceof RemoveSampleBy o) {
                entry(tables, o.table().key()).other.add("no SAMPLE BY");
            } else if (op instanceof ModifyTableComment o) {
                entry(tables, o.table().key()).other.add("comment: '" + o.after() + "'");
            } else if (op instanceof CreateMaterializedView o) {
                mark(views, "Materialized View: " + o.view().displayName(), '+');
            } else if (op instanceof DropMaterializedView o) {
                mark(views, "Materialized View: " + new TableRef(o.viewName(), o.database(), null).displayName(), '-');
            } else if (op instanceof PopulateMaterializedView o) {
                tail.add("  backfill " + new TableRef(o.targetTable(), o.targetDatabase(), null).displayName()
                        + " from " + o.viewName() + (o.truncateTarget() ? " (after emptying it)" : ""));
            } else if (op instanceof CreateView o) {
                mark(views, "View: " + o.view().displayName(), '+');
            } else if (op instanceof DropView o) {
                mark(views, "View: " + new TableRef(o.viewName(), o.database(), null).displayName(), '-');
            } else if (op instanceof CreateSqlResource o) {
                mark(views, "SQL Resource: " + o.resource().displayName(), '+');
            } else if (op instanceof DropSqlResource o) {
                mark(views, "SQL Resource: " + o.resource().displayName(), '-');
            } else if (op instanceof RawSql o) {
                tail.add("* SQL: " + o.describe());
            } else if (op instanceof CreateDatabase o) {
                tail.add(0, "+ Database: " + o.database());
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
