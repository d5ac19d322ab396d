package dev.moose.core.plan;

import dev.moose.core.internal.sql.Selects;
import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backfills a materialized view's target from its sources: {@code INSERT INTO target SELECT …} with the view's
 * SELECT, after {@code TRUNCATE} when {@code truncateTarget}. Columns are matched by name when the SELECT names
 * every column it returns, as the view itself does.
 */
public record PopulateMaterializedView(String viewName, String database, String targetTable, String targetDatabase,
                                       String select, boolean truncateTarget) implements Operation {

    static final OperationType<PopulateMaterializedView> TYPE = new OperationType<>("PopulateMaterializedView",
            PopulateMaterializedView.class, new Execution(DataEffect.WRITE, Resume.JOURNAL),
            f -> new PopulateMaterializedView(f.text("name"), f.optText("database"), f.text("target_table"),
                    f.optText("target_database"), f.selectSql(), f.bool("truncate_target", false)));

    @Override
    public void writeFields(FieldWriter out) {
        out.put("name", viewName);
        out.putIf("database", database);
        out.put("target_table", targetTable);
        out.putIf("target_database", targetDatabase);
        out.put("select_sql", select);
        out.put("truncate_target", truncateTarget);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.last("  backfill " + new TableRef(targetTable, targetDatabase, null).displayName() + " from " + viewName
                + (truncateTarget ? " (after emptying it)" : ""));
    }

    public PopulateMaterializedView {
        select = Sql.tidy(select);
        if (select == null) {
            throw new PlanException("PopulateMaterializedView " + viewName + " needs select_sql");
        }
    }

    @Override
    public List<String> render(RenderContext context) {
        String target = Sql.qualified(targetDatabase, targetTable);
        List<String> out = new ArrayList<>();
        if (truncateTarget) {
            out.add("TRUNCATE TABLE " + target);
        }
        Optional<List<String>> names = Selects.outputNames(select);
        String columns = names.map(n -> " (" + String.join(", ", n.stream().map(Sql::quoteIdentifier).toList()) + ")").orElse("");
        out.add("INSERT INTO " + target + columns + " " + select);
        return out;
    }

    @Override
    public InfraMap apply(InfraMap state) {
        String target = InfraMap.key(targetDatabase, targetTable);
        if (!state.tables().containsKey(target)) {
            throw new PlanException(name() + " " + viewName + ": there is no table " + target + " to fill");
        }
        return state;
    }

    @Override
    public String destructiveReason() {
        return truncateTarget ? "empties " + InfraMap.key(targetDatabase, targetTable)
                + " and refills it from the sources of " + viewName + " (rows the sources no longer hold are lost)" : "";
    }

    @Override
    public String describe() {
        return (truncateTarget ? "refill " : "backfill ") + InfraMap.key(targetDatabase, targetTable) + " from the SELECT of " + viewName;
    }
}
