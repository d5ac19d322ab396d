package dev.moose.core.internal.execute;

import dev.moose.core.internal.cluster.ClusterHost;
import dev.moose.core.internal.ddl.DistributedDdl;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.RenderContext;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ClickHouseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan's statements: an {@code ON CLUSTER} one as {@link DistributedDdl distributed DDL}, and every one with
 * {@code insert_distributed_sync}, so that an INSERT through a Distributed table has written its rows on every shard
 * when it returns and the next operation (and a resumed run) sees them.
 */
public final class PlanStatements {

    private static final Map<String, String> SYNCHRONOUS_INSERTS = Map.of("insert_distributed_sync", "1");

    private PlanStatements() {
    }

    /**
     * What rendering needs to know of the connection: its server's version, its database, and the shards of the
     * clusters the operations run on.
     */
    public static RenderContext context(ClickHouseConnection connection, List<? extends Operation> operations) {
        return RenderContext.of(connection.version()).withDatabase(connection.database())
                .withClusters(ClusterHost.shardsFor(connection, operations));
    }

    /**
     * Runs {@code sql} under {@code queryId}; an {@code ON CLUSTER} statement waits up to {@code timeout} for every host.
     *
     * @throws ClickHouseException as the server refused it, with the hosts that failed or did not finish named
     */
    public static void execute(ClickHouseConnection connection, String sql, String queryId, Duration timeout) {
        DistributedDdl.execute(connection, sql, queryId, timeout, SYNCHRONOUS_INSERTS);
    }
}
