package dev.moose.core.internal.execute;

import dev.moose.core.MooseLog;
import dev.moose.core.internal.cluster.ClusterHost;
import dev.moose.core.model.InfraMap;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.RenderContext;
import dev.moose.core.server.ClickHouseConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs operations in order against a server, rendering each for that server and for the state just before it
 * (simulated from the start state), waiting for the mutations an operation starts before the next, and returns
 * the state after the last one. No checks, no lock, no journal: that is {@link Migrator}'s work; this is what
 * {@code moose:dev} and tests use.
 */
public final class PlanApplier {

    /** How long dev and tests wait for one operation's mutations (a local server, small data). */
    private static final Duration MUTATION_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CLUSTER_DDL_TIMEOUT = dev.moose.core.internal.bookkeeping.Placement.DEFAULT_DDL_TIMEOUT;

    /** Told about each operation, for progress logs. */
    public interface Listener {
        default void starting(int index, int total, Operation operation, List<String> statements) {
        }

        default void finished(int index, int total, Operation operation, long millis) {
        }
    }

    private PlanApplier() {
    }

    /**
     * Applies {@code operations[from..]} to the database; {@code start} is the state before operation {@code from}.
     *
     * @param log where progress of long mutations goes
     * @return the state after the last operation
     * @throws dev.moose.core.MooseException when a statement or a mutation fails (earlier operations stay applied;
     *                                       {@link Listener#finished} was told about each of them)
     */
    public static InfraMap apply(ClickHouseConnection connection, List<Operation> operations, int from, InfraMap start,
                                 Listener listener, MooseLog log) {
        InfraMap state = start;
        RenderContext context = PlanStatements.context(connection, operations.subList(from, operations.size()));
        MutationWaiter mutations = null;
        Map<String, List<ClusterHost>> hostsOf = new HashMap<>(); // read once per cluster, not per operation
        for (int i = from; i < operations.size(); i++) {
            Operation op = operations.get(i);
            List<String> statements = op.render(context.withState(state));
            listener.starting(i, operations.size(), op, statements);
            long t0 = System.nanoTime();
            boolean waits = op.execution().mayStartMutations();
            long since = 0;
            if (waits) {
                if (mutations == null) {
                    mutations = new MutationWaiter(connection, MUTATION_TIMEOUT, log);
                }
                since = mutations.serverNow() - 1;
            }
            for (String sql : statements) {
                PlanStatements.execute(connection, sql, null, CLUSTER_DDL_TIMEOUT);
            }
            if (waits) {
                // the tables an operation alters exist before it, so the state before it names their databases
                Set<String> databases = new TreeSet<>(state.namedDatabases());
                databases.add(connection.database());
                mutations.await(since, databases, op.runsOnCluster()
                        .map(c -> hostsOf.computeIfAbsent(c, k -> ClusterHost.of(connection, k))).orElse(List.of()));
            }
            state = op.apply(state);
            listener.finished(i, operations.size(), op, (System.nanoTime() - t0) / 1_000_000);
        }
        return state;
    }

    public static InfraMap apply(ClickHouseConnection connection, List<Operation> operations, int from, InfraMap start,
                                 Listener listener) {
        return apply(connection, operations, from, start, listener, MooseLog.silent());
    }

    public static InfraMap apply(ClickHouseConnection connection, List<Operation> operations, InfraMap start) {
        return apply(connection, operations, 0, start, new Listener() { });
    }
}
