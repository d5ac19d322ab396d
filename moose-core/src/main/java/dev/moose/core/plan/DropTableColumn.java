package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.Column;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;
import java.util.ArrayList;
import java.util.List;

/** {@code ALTER TABLE … DROP COLUMN}: the column and its data. */
public record DropTableColumn(TableRef table, String columnName) implements Operation {

    static final OperationType<DropTableColumn> TYPE = new OperationType<>("DropTableColumn", DropTableColumn.class,
            Execution.MUTATION, f -> {
                TableRef t = f.ref();
                return new DropTableColumn(t, f.text("column_name"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("column_name", columnName);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        dev.moose.core.model.Column c = state.table(table.key()).flatMap(t -> t.column(columnName)).orElse(null);
        return ChangeLine.column(table.key(), "- " + columnName + (c == null ? "" : ": " + c.type()));
    }

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
    public String destructiveReason() {
        return "drops column " + table.displayName() + "." + columnName + " and its data";
    }

    @Override
    public String describe() {
        return "drop column " + columnName + " from " + table.displayName();
    }
}
