package dev.moose.core.internal.diff;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.Column;
import dev.moose.core.model.Equivalence;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableIndex;
import dev.moose.core.model.TableProjection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How table {@code after} differs from table {@code before} (same key), in the terms migrations act on. Column
 * order is not compared; a column the code renamed ({@code renamedFrom}) is matched to its old name.
 */
public record TableDelta(
        Table before,
        Table after,
        List<String[]> renamed,
        List<Column> added,
        List<Column> removed,
        List<Column[]> changed,
        boolean engineChanged,
        boolean orderByChanged,
        boolean partitionByChanged,
        boolean primaryKeyChanged,
        boolean readOnlySettingsChanged,
        boolean settingsChanged,
        boolean ttlChanged,
        boolean sampleByChanged,
        List<TableIndex> indexesRemoved,
        List<TableIndex> indexesAdded,
        List<TableProjection> projectionsRemoved,
        List<TableProjection> projectionsAdded,
        boolean commentChanged) {

    /**
     * @param compareComment false when the server cannot store table comments (before 21.6)
     */
    public static TableDelta between(Table before, Table after, boolean compareComment) {
        Map<String, Column> old = new LinkedHashMap<>();
        before.columns().forEach(c -> old.put(c.name(), c));
        List<String[]> renamed = new ArrayList<>();
        for (Column c : after.columns()) {
            String from = c.renamedFrom();
            if (from != null && !old.containsKey(c.name()) && old.containsKey(from) && after.column(from).isEmpty()) {
                renamed.add(new String[] {from, c.name()});
                Column moved = old.remove(from).withName(c.name());
                old.put(c.name(), moved);
            }
        }
        List<Column> added = new ArrayList<>();
        List<Column[]> changed = new ArrayList<>();
        for (Column c : after.columns()) {
            Column o = old.get(c.name());
            if (o == null) {
                added.add(c);
            } else if (!Equivalence.sameColumn(o, c)) {
                changed.add(new Column[] {o, c});
            }
        }
        List<Column> removed = new ArrayList<>();
        for (Column o : old.values()) {
            if (after.column(o.name()).isEmpty()) {
                removed.add(o);
            }
        }
        SortedMap<String, String> readOnlyBefore = readOnly(before.settings(), true);
        SortedMap<String, String> readOnlyAfter = readOnly(after.settings(), true);
        List<TableIndex> indexesRemoved = new ArrayList<>();
        List<TableIndex> indexesAdded = new ArrayList<>();
        for (TableIndex i : before.indexes()) {
            Optional<TableIndex> now = after.indexes().stream().filter(x -> x.name().equals(i.name())).findFirst();
            if (now.isEmpty() || !Equivalence.sameIndex(i, now.get())) {
                indexesRemoved.add(i);
            }
        }
        for (TableIndex i : after.indexes()) {
            Optional<TableIndex> was = before.indexes().stream().filter(x -> x.name().equals(i.name())).findFirst();
            if (was.isEmpty() || !Equivalence.sameIndex(was.get(), i)) {
                indexesAdded.add(i);
            }
        }
        List<TableProjection> projectionsRemoved = new ArrayList<>();
        List<TableProjection> projectionsAdded = new ArrayList<>();
        for (TableProjection p : before.projections()) {
            Optional<TableProjection> now = after.projections().stream().filter(x -> x.name().equals(p.name())).findFirst();
            if (now.isEmpty() || !Equivalence.sameProjection(p, now.get())) {
                projectionsRemoved.add(p);
            }
        }
        for (TableProjection p : after.projections()) {
            Optional<TableProjection> was = before.projections().stream().filter(x -> x.name().equals(p.name())).findFirst();
            if (was.isEmpty() || !Equivalence.sameProjection(was.get(), p)) {
                projectionsAdded.add(p);
            }
        }
        return new TableDelta(before, after, renamed, added, removed, changed,
                !Equivalence.sameEngine(after.engine(), before.engine()),
                !Equivalence.sameKey(before.orderBy(), after.orderBy()),
                !Sql.sameExpression(before.partitionBy(), after.partitionBy()),
                !Equivalence.sameKey(before.effectivePrimaryKey(), after.effectivePrimaryKey()),
                !Equivalence.sameSettings(readOnlyBefore, readOnlyAfter),
                !Equivalence.sameSettings(readOnly(before.settings(), false), readOnly(after.settings(), false)),
                !Sql.sameExpression(before.ttl(), after.ttl()),
                !Sql.sameExpression(before.sampleBy(), after.sampleBy()),
                indexesRemoved, indexesAdded, projectionsRemoved, projectionsAdded,
                compareComment && !Objects.equals(before.comment(), after.comment()));
    }

    private static SortedMap<String, String> readOnly(Map<String, String> settings, boolean wanted) {
        SortedMap<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (Equivalence.READ_ONLY_SETTINGS.contains(k) == wanted) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Changes no ALTER can make: the table must be rebuilt. */
    public boolean needsRebuild() {
        return engineChanged || orderByChanged || partitionByChanged || primaryKeyChanged || readOnlySettingsChanged
                || keyColumnTypeChanged();
    }

    /** ClickHouse refuses to change the type of a column its keys use. */
    public boolean keyColumnTypeChanged() {
        for (Column[] c : changed) {
            if (!c[0].type().equals(c[1].type()) && usedByKeys(before, c[0].name())) {
                return true;
            }
        }
        return false;
    }

    private static boolean usedByKeys(Table t, String column) {
        List<String> expressions = new ArrayList<>(t.orderBy());
        expressions.addAll(t.primaryKey());
        if (t.partitionBy() != null) {
            expressions.add(t.partitionBy());
        }
        if (t.sampleBy() != null) {
            expressions.add(t.sampleBy());
        }
        return expressions.stream().anyMatch(e -> Sql.referencedColumns(e).contains(column));
    }

    public boolean isEmpty() {
        return renamed.isEmpty() && added.isEmpty() && removed.isEmpty() && changed.isEmpty() && !needsRebuild()
                && !settingsChanged && !ttlChanged && !sampleByChanged && indexesRemoved.isEmpty() && indexesAdded.isEmpty()
                && projectionsRemoved.isEmpty() && projectionsAdded.isEmpty() && !commentChanged;
    }

    /** Human-readable lines: how {@code after} differs from {@code before}. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (String[] r : renamed) {
            out.add("column " + r[0] + " renamed to " + r[1]);
        }
        for (Column c : added) {
            out.add("column " + c.name() + " added (" + c.type() + ")");
        }
        for (Column c : removed) {
            out.add("column " + c.name() + " removed (" + c.type() + ")");
        }
        for (Column[] c : changed) {
            out.add("column " + c[1].name() + " changed: " + Equivalence.describeChange(c[0], c[1]));
        }
        if (engineChanged) {
            out.add("engine " + before.engine() + " -> " + after.engine());
        }
        if (orderByChanged) {
            out.add("ORDER BY " + Sql.keyExpression(before.orderBy()) + " -> " + Sql.keyExpression(after.orderBy()));
        }
        if (primaryKeyChanged) {
            out.add("PRIMARY KEY " + Sql.keyExpression(before.effectivePrimaryKey()) + " -> " + Sql.keyExpression(after.effectivePrimaryKey()));
        }
        if (partitionByChanged) {
            out.add("PARTITION BY " + before.partitionBy() + " -> " + after.partitionBy());
        }
        if (sampleByChanged) {
            out.add("SAMPLE BY " + before.sampleBy() + " -> " + after.sampleBy());
        }
        if (readOnlySettingsChanged || settingsChanged) {
            out.add("settings " + before.settings() + " -> " + after.settings());
        }
        if (ttlChanged) {
            out.add("TTL " + before.ttl() + " -> " + after.ttl());
        }
        indexesRemoved.forEach(i -> out.add("index " + i.name() + " removed"));
        indexesAdded.forEach(i -> out.add("index " + i.name() + " added (" + i.expression() + " TYPE " + i.type() + ")"));
        projectionsRemoved.forEach(p -> out.add("projection " + p.name() + " removed"));
        projectionsAdded.forEach(p -> out.add("projection " + p.name() + " added"));
        if (commentChanged) {
            out.add("comment '" + before.comment() + "' -> '" + after.comment() + "'");
        }
        return out;
    }
}
