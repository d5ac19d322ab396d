package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.Column;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;
import dev.moose.core.version.Feature;
import java.util.ArrayList;
import java.util.List;

/** {@code ALTER TABLE … RENAME COLUMN a TO b}: keeps the data (ClickHouse 20.4 or later). */
public record RenameTableColumn(TableRef table, String beforeColumnName, String afterColumnName) implements Operation {

    static final OperationType<RenameTableColumn> TYPE = new OperationType<>("RenameTableColumn",
            RenameTableColumn.class, Execution.METADATA,
            f -> {
                TableRef t = f.ref();
                return new RenameTableColumn(t, f.text("before_column_name"), f.text("after_column_name"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("before_column_name", beforeColumnName);
        out.put("after_column_name", afterColumnName);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.column(table.key(), beforeColumnName + " -> " + afterColumnName + " (renamed)");
    }

    @Override
    public List<String> render(RenderContext context) {
        if (!context.capabilities().has(Feature.RENAME_COLUMN)) {
            throw new PlanException("cannot rename " + table.displayName() + "." + beforeColumnName + " on ClickHouse "
                    + context.version() + ": RENAME COLUMN needs " + Feature.RENAME_COLUMN.since() + " or later");
        }
        return List.of(table.alter("RENAME COLUMN " + Sql.quoteIdentifier(beforeColumnName) + " TO "
                + Sql.quoteIdentifier(afterColumnName)));
    }

    @Override
    public List<Feature> requires() {
        return List.of(Feature.RENAME_COLUMN);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        Table t = table.in(state, name());
        int at = t.columnIndex(beforeColumnName);
        if (at < 0) {
            throw new PlanException(name() + ": table " + table.displayName() + " has no column " + beforeColumnName);
        }
        if (t.column(afterColumnName).isPresent()) {
            throw new PlanException(name() + ": table " + table.displayName() + " already has a column " + afterColumnName);
        }
        List<Column> columns = new ArrayList<>(t.columns());
        columns.set(at, columns.get(at).withName(afterColumnName));
        return state.withTable(t.withColumns(columns));
    }

    @Override
    public String describe() {
        return "rename column " + beforeColumnName + " of " + table.displayName() + " to " + afterColumnName;
    }
}
