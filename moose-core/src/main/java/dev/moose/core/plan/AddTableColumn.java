package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.Column;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.ModelTree;
import dev.moose.core.model.Table;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ALTER TABLE … ADD COLUMN}: after {@code afterColumn}, first when {@code first}, else at the end. On
 * servers without {@code FIRST} (before 20.6) a first column is appended instead (column order is not part of
 * the schema comparison).
 */
public record AddTableColumn(TableRef table, Column column, String afterColumn, boolean first) implements Operation {

    static final OperationType<AddTableColumn> TYPE = new OperationType<>("AddTableColumn", AddTableColumn.class,
            Execution.METADATA, f -> {
                TableRef t = f.ref();
                Column c = f.column("column");
                return new AddTableColumn(t, c, f.optText("after_column"), f.bool("first", false));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("column", ModelTree.column(column));
        out.putIf("after_column", afterColumn);
        if (first) {
            out.put("first", true);
        }
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.column(table.key(), "+ " + column.name() + ": " + column.type());
    }

    public AddTableColumn {
        column = column.withoutRenameHint();
        afterColumn = afterColumn == null || afterColumn.isBlank() ? null : afterColumn;
        if (first && afterColumn != null) {
            throw new PlanException(table.displayName() + ": AddTableColumn " + column.name()
                    + " cannot be both first and after " + afterColumn);
        }
    }

    @Override
    public List<String> render(RenderContext context) {
        Capabilities c = context.capabilities();
        boolean separateComment = column.comment() != null && c.ignoresCommentInAlter();
        String position = afterColumn != null ? " AFTER " + Sql.quoteIdentifier(afterColumn)
                : first && c.has(Feature.ADD_COLUMN_FIRST) ? " FIRST" : "";
        List<String> out = new ArrayList<>();
        out.add(table.alter("ADD COLUMN " + column.definition(!separateComment) + position));
        if (separateComment) {
            out.add(table.alter("COMMENT COLUMN " + Sql.quoteIdentifier(column.name()) + " " + Sql.quoteString(column.comment())));
        }
        return out;
    }

    @Override
    public List<Feature> requires() {
        List<Feature> f = new ArrayList<>();
        if (column.codec() != null) {
            f.add(Feature.COLUMN_CODEC);
        }
        if (column.ttl() != null) {
            f.add(Feature.TTL);
        }
        return f;
    }

    @Override
    public InfraMap apply(InfraMap state) {
        Table t = table.in(state, name());
        if (t.column(column.name()).isPresent()) {
            throw new PlanException(name() + ": table " + table.displayName() + " already has a column " + column.name());
        }
        List<Column> columns = new ArrayList<>(t.columns());
        if (afterColumn != null) {
            int at = t.columnIndex(afterColumn);
            if (at < 0) {
                throw new PlanException(name() + " " + column.name() + ": table " + table.displayName()
                        + " has no column " + afterColumn + " to add it after");
            }
            columns.add(at + 1, column);
        } else if (first) {
            columns.add(0, column);
        } else {
            columns.add(column);
        }
        return state.withTable(t.withColumns(columns));
    }

    @Override
    public String describe() {
        return "add column " + column.name() + " " + column.type() + " to " + table.displayName();
    }
}
