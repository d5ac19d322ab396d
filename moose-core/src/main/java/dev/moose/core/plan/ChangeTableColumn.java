package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.Column;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;
import dev.moose.core.types.ClickHouseType;
import dev.moose.core.types.TypeChanges;
import java.util.ArrayList;
import java.util.List;

/**
 * A column's new type, nothing else (the short form plans may use). With the state known, it renders the full
 * definition so the column keeps its default, codec and TTL.
 */
public record ChangeTableColumn(TableRef table, String columnName, ClickHouseType dataType) implements Operation {

    static final OperationType<ChangeTableColumn> TYPE = new OperationType<>("ChangeTableColumn",
            ChangeTableColumn.class, Execution.MUTATION,
            f -> {
                TableRef t = f.ref();
                String column = f.text("column_name");
                return new ChangeTableColumn(t, column, f.type("data_type"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("column_name", columnName);
        out.put("data_type", dataType.toString());
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.column(table.key(), columnName + ": -> " + dataType);
    }

    @Override
    public List<String> render(RenderContext context) {
        if (context.state() != null) {
            Table t = table.in(context.state(), name());
            Column c = t.column(columnName).orElseThrow(() -> new PlanException(name() + ": table " + table.displayName()
                    + " has no column " + columnName));
            return List.of(table.alter("MODIFY COLUMN " + c.withType(dataType).definition(false)));
        }
        return List.of(table.alter("MODIFY COLUMN " + Sql.quoteIdentifier(columnName) + " " + dataType));
    }

    @Override
    public InfraMap apply(InfraMap state) {
        Table t = table.in(state, name());
        int at = t.columnIndex(columnName);
        if (at < 0) {
            throw new PlanException(name() + ": table " + table.displayName() + " has no column " + columnName);
        }
        List<Column> columns = new ArrayList<>(t.columns());
        columns.set(at, columns.get(at).withType(dataType));
        return state.withTable(t.withColumns(columns));
    }

    @Override
    public String destructiveReason() {
        return "changes the type of " + table.displayName() + "." + columnName + " to " + dataType
                + "; whether values survive depends on the old type";
    }

    /** Destructive unless the state shows the change only widens the type. */
    public boolean isDestructiveFrom(ClickHouseType current) {
        return !TypeChanges.isWidening(current, dataType);
    }

    @Override
    public String describe() {
        return "change column " + columnName + " of " + table.displayName() + " to " + dataType;
    }
}
