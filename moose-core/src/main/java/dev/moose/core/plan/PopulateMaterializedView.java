package dev.moose.core.plan;

import dev.moose.core.internal.sql.Credentials;
import dev.moose.core.internal.sql.Selects;
import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backfills a materialized view's target from its sources: {@code INSERT INTO target SELECT …} with the view's
 * SELECT, after {@code TRUNCATE} when {@code truncateTarget}. Columns are matched by name when the SELECT names
 * every column it returns, as the view itself does. On a cluster of several shards each shard is backfilled from
 * its own sources: the SELECT reads them on one of the shard's replicas and writes through a Distributed table
 * whose constant sharding key is that shard.
 */
public record PopulateMaterializedView(String viewName, String database, String targetTable, String targetDatabase,
                                       String select, boolean truncateTarget, String cluster) implements Operation {

    static final OperationType<PopulateMaterializedView> TYPE = new OperationType<>("PopulateMaterializedView",
            PopulateMaterializedView.class, new Execution(DataEffect.WRITE, Resume.JOURNAL),
            f -> new PopulateMaterializedView(f.text("name"), f.optText("database"), f.text("target_table"),
                    f.optText("target_database"), f.selectSql(), f.bool("truncate_target", false), f.cluster()));

    public PopulateMaterializedView(String viewName, String database, String targetTable, String targetDatabase, String select,
                                    boolean truncateTarget) {
        this(viewName, database, targetTable, targetDatabase, select, truncateTarget, null);
    }

    @Override
    public void writeFields(FieldWriter out) {
        out.put("name", viewName);
        out.putIf("database", database);
        out.put("target_table", targetTable);
        out.putIf("target_database", targetDatabase);
        out.put("select_sql", select);
        out.put("truncate_target", truncateTarget);
        out.putIf("cluster", cluster);
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
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
    }

    @Override
    public List<String> render(RenderContext context) {
        String target = Sql.qualified(targetDatabase, targetTable);
        List<String> out = new ArrayList<>();
        if (truncateTarget) {
            out.add("TRUNCATE TABLE " + target + new TableRef(targetTable, targetDatabase, cluster).onCluster());
        }
        Optional<List<String>> names = Selects.outputNames(select);
        String columns = names.map(n -> " (" + String.join(", ", n.stream().map(Sql::quoteIdentifier).toList()) + ")").orElse("");
        List<Shard> shards = cluster == null ? List.of() : context.shards(cluster).orElseThrow(() -> new PlanException("backfilling "
                + targetTable + " on cluster " + cluster + " fills every shard: it is rendered for a server that lists the cluster's shards"));
        if (shards.size() <= 1) {
            // one shard: its replicas hold the same rows, and the target replicates what is written on this one
            out.add("INSERT INTO " + target + columns + " " + select);
            return out;
        }
        String copy = Sql.qualified(targetDatabase, targetTable + RebuildTable.COPY_SUFFIX);
        String home = targetDatabase == null ? "currentDatabase()" : Sql.quoteString(targetDatabase);
        for (Shard shard : shards) {
            String fromShard = Sql.replaceTables(select, (db, table) -> "remote(" + Sql.quoteString(shard.replicasPattern()) + ", "
                    + (db == null ? "currentDatabase()" : Sql.quoteString(db)) + ", " + Sql.quoteString(table) + ", "
                    + Credentials.CONNECTION_USER + ", " + Credentials.CONNECTION_PASSWORD + ")");
            out.add("DROP TABLE IF EXISTS " + copy);
            out.add("CREATE TABLE " + copy + " AS " + target + " ENGINE = Distributed(" + Sql.quoteString(cluster) + ", " + home
                    + ", " + Sql.quoteString(targetTable) + ", " + shard.weightOffset() + ")");
            out.add("INSERT INTO " + copy + columns + " " + fromShard);
            out.add("DROP TABLE " + copy);
        }
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
