package dev.moose.core.plan;

import dev.moose.core.model.Column;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;
import dev.moose.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;

/** {@code ALTER TABLE … DROP COLUMN}: the column and its data. */
public record DropTableColumn(TableRef table, String columnName) implements Operation {

    public DropTableColumn {
        if (columnName == null || columnName.isBlank()) {
            throw new PlanException("DropTableColumn on " + table.displayName() + " needs column_name");
        }
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of(table.alter("DROP COLUMN " + Sql.quoteIdentifier(columnName)));
    }

    @Override
    public InfraMap apply(InfraMap state) {
        Table t = table.in(state, name());
        if (t.column(columnName).isEmpty()) {
            throw new PlanException(name() + ": table " + table.displayName() + " has no column " + columnName);
        }
        List<Column> columns = new ArrayList<>(t.columns());
        columns.removeIf(c -> c.name().equals(columnName));
        return state.withTable(t.withColumns(columns));
    }

    @Override
    public boolean isDestructive() {
        return true;
    }

    @Override
    public String destructiveReason() {
        return "drops column " + table.displayName() + "." + columnName + " and its data";
    }

    @Override
    public String describe() {
        return "drop column " + columnName + " from " + table.displayName();
    }
}
