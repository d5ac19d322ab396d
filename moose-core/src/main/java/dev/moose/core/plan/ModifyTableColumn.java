package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.Column;
import dev.moose.core.model.ColumnDefault;
import dev.moose.core.model.Equivalence;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.ModelTree;
import dev.moose.core.model.Table;
import dev.moose.core.types.TypeChanges;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Changes a column from {@code before} to {@code after} (same name): type, default, codec, TTL, comment. Renders
 * {@code MODIFY COLUMN} with the full definition, preceded by {@code REMOVE} statements for properties that go
 * away, and sets the comment with {@code COMMENT COLUMN} (which every version honours).
 */
public record ModifyTableColumn(TableRef table, Column before, Column after) implements Operation {

    static final OperationType<ModifyTableColumn> TYPE = new OperationType<>("ModifyTableColumn",
            ModifyTableColumn.class, Execution.MUTATION,
            f -> {
                TableRef t = f.ref();
                return new ModifyTableColumn(t, f.column("before_column"), f.column("after_column"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("before_column", ModelTree.column(before));
        out.put("after_column", ModelTree.column(after));
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.column(table.key(), after.name() + ": " + Equivalence.describeChange(before, after));
    }

    public ModifyTableColumn {
        before = before.withoutRenameHint();
        after = after.withoutRenameHint();
        if (!before.name().equals(after.name())) {
            throw new PlanException("ModifyTableColumn on " + table.displayName() + " changes the name " + before.name()
                    + " to " + after.name() + ": use RenameTableColumn for that");
        }
    }

    private boolean definitionChanged() {
        return !before.type().equals(after.type()) || !Objects.equals(before.defaultValue(), after.defaultValue())
                || !Objects.equals(before.codec(), after.codec()) || !Objects.equals(before.ttl(), after.ttl());
    }

    @Override
    public List<String> render(RenderContext context) {
        Capabilities c = context.capabilities();
        String col = Sql.quoteIdentifier(after.name());
        List<String> out = new ArrayList<>();
        if (before.defaultValue() != null && after.defaultValue() == null) {
            requireFeature(c, Feature.REMOVE_COLUMN_PROPERTY, "remove the " + before.defaultValue().kind() + " of " + after.name());
            out.add(table.alter("MODIFY COLUMN " + col + " REMOVE " + before.defaultValue().kind().name()));
        }
        if (before.ttl() != null && after.ttl() == null) {
            requireFeature(c, Feature.REMOVE_COLUMN_PROPERTY, "remove the TTL of " + after.name());
            out.add(table.alter("MODIFY COLUMN " + col + " REMOVE TTL"));
        }
        if (before.codec() != null && after.codec() == null) {
            out.add(c.has(Feature.REMOVE_COLUMN_PROPERTY)
                    ? table.alter("MODIFY COLUMN " + col + " REMOVE CODEC")
                    : table.alter("MODIFY COLUMN " + after.definition(false) + " CODEC(Default)"));
        }
        if (definitionChanged()) {
            out.add(table.alter("MODIFY COLUMN " + after.definition(false)));
        }
        if (!Objects.equals(before.comment(), after.comment())) {
            out.add(table.alter("COMMENT COLUMN " + col + " " + Sql.quoteString(after.comment() == null ? "" : after.comment())));
        }
        return out;
    }

    private static void requireFeature(Capabilities c, Feature f, String what) {
        if (!c.has(f)) {
            throw new PlanException("cannot " + what + " on ClickHouse " + c.version() + ": " + f.description()
                    + " needs " + f.since() + " or later");
        }
    }

    @Override
    public List<Feature> requires() {
        List<Feature> f = new ArrayList<>();
        if ((before.defaultValue() != null && after.defaultValue() == null) || (before.ttl() != null && after.ttl() == null)) {
            f.add(Feature.REMOVE_COLUMN_PROPERTY);
        }
        if (after.codec() != null) {
            f.add(Feature.COLUMN_CODEC);
        }
        if (after.ttl() != null) {
            f.add(Feature.TTL);
        }
        return f;
    }

    @Override
    public InfraMap apply(InfraMap state) {
        Table t = table.in(state, name());
        int at = t.columnIndex(before.name());
        if (at < 0) {
            throw new PlanException(name() + ": table " + table.displayName() + " has no column " + before.name());
        }
        List<Column> columns = new ArrayList<>(t.columns());
        columns.set(at, after);
        return state.withTable(t.withColumns(columns));
    }

    /** Narrowing type changes can fail on existing rows or lose values. */

    @Override
    public String destructiveReason() {
        boolean narrows = !before.type().equals(after.type()) && !TypeChanges.isWidening(before.type(), after.type());
        return narrows ? "changes " + table.displayName() + "." + after.name() + " from " + before.type() + " to "
                + after.type() + ", which can fail on existing rows or lose values" : "";
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("modify column " + after.name() + " of " + table.displayName() + ":");
        if (!before.type().equals(after.type())) {
            sb.append(" ").append(before.type()).append(" -> ").append(after.type());
        }
        if (!Objects.equals(before.defaultValue(), after.defaultValue())) {
            sb.append(" ").append(render(before.defaultValue())).append(" -> ").append(render(after.defaultValue()));
        }
        if (!Objects.equals(before.codec(), after.codec())) {
            sb.append(" codec ").append(before.codec()).append(" -> ").append(after.codec());
        }
        if (!Objects.equals(before.ttl(), after.ttl())) {
            sb.append(" TTL ").append(before.ttl()).append(" -> ").append(after.ttl());
        }
        if (!Objects.equals(before.comment(), after.comment())) {
            sb.append(" comment");
        }
        return sb.toString();
    }

    private static String render(ColumnDefault d) {
        return d == null ? "no default" : d.render();
    }
}
