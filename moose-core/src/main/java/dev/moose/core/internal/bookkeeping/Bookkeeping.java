package dev.moose.core.internal.bookkeeping;

import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import dev.moose.core.internal.sql.Sql;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.plan.Operation;
import dev.moose.core.server.ClickHouseConnection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Decides where a run keeps its lock, journal and registry: {@link Placement}. */
public final class Bookkeeping {

    private Bookkeeping() {
    }

    /**
     * The project's cluster when one is named; else the one cluster the plan's operations run on; else the connected
     * server alone. Refuses a plan over several clusters without a named one, and a run without a cluster on a
     * database whose bookkeeping is kept cluster-wide (a lock on one host alone would not exclude the others).
     */
    public static Placement placement(ClickHouseConnection connection, MigrationPlan plan, String projectCluster, Duration ddlTimeout) {
        String cluster = projectCluster;
        if (cluster == null) {
            Set<String> named = new TreeSet<>();
            for (Operation op : plan.operations()) {
                op.runsOnCluster().ifPresent(named::add);
            }
            if (named.size() > 1) {
                throw new MooseException("The plan runs on several clusters (" + String.join(", ", named) + "): name the one that "
                        + "keeps the migration lock and journal (" + Fix.CLUSTER + ")");
            }
            cluster = named.isEmpty() ? null : named.iterator().next();
        }
        if (cluster == null) {
            List<String> replicated = connection.query("SELECT name FROM system.tables WHERE database = currentDatabase() AND name IN ("
                    + Sql.quoteString(Journal.TABLE) + ", " + Sql.quoteString(StateRegistry.TABLE) + ") AND engine LIKE 'Replicated%'"
                    + " ORDER BY name", r -> r.getString(1));
            if (!replicated.isEmpty()) {
                throw new MooseException("The migrations of this database are recorded cluster-wide (" + String.join(", ", replicated)
                        + " are replicated), but no cluster is named: a lock taken on this host alone would not stop a run on "
                        + "another. Name the cluster (" + Fix.CLUSTER + ")");
            }
        }
        return new Placement(connection.database(), cluster, ddlTimeout);
    }
}
