package dev.moose.core.execute;

import dev.moose.core.model.InfraMap;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.RenderContext;
import dev.moose.core.server.ClickHouseConnection;
import java.util.List;

/**
 * Runs operations in order against a server, rendering each for that server and for the state just before it
 * (simulated from the start state), and returns the state after the last one.
 */
public final class PlanApplier {

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
     * @return the state after the last operation
     * @throws dev.moose.core.server.ClickHouseException when a statement fails (earlier operations stay applied)
     */
    public static InfraMap apply(ClickHouseConnection connection, List<Operation> operations, int from, InfraMap start,
                                 Listener listener) {
        InfraMap state = start;
        RenderContext context = RenderContext.of(connection.version());
        for (int i = from; i < operations.size(); i++) {
            Operation op = operations.get(i);
            List<String> statements = op.render(context.withState(state));
            listener.starting(i, operations.size(), op, statements);
            long t0 = System.nanoTime();
            for (String sql : statements) {
                connection.execute(sql);
            }
            state = op.apply(state);
            listener.finished(i, operations.size(), op, (System.nanoTime() - t0) / 1_000_000);
        }
        return state;
    }

    public static InfraMap apply(ClickHouseConnection connection, List<Operation> operations, InfraMap start) {
        return apply(connection, operations, 0, start, new Listener() { });
    }
}
