package dev.moose.core.internal.execute;

import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.internal.Pause;
import dev.moose.core.internal.bookkeeping.Journal;
import dev.moose.core.internal.cluster.ClusterHost;
import dev.moose.core.internal.sql.Sql;
import dev.moose.core.server.ClickHouseConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Waits for the mutations an operation started ({@code MODIFY COLUMN} rewrites, {@code MATERIALIZE INDEX}, backfill
 * {@code UPDATE}s …) to finish, with progress, so the next operation (and the end of the migration) sees them done.
 * A failing mutation (its fail reason, where the server reports one) or one that does not finish in time stops
 * the migration with what to do.
 */
public final class MutationWaiter {

    private static final int OTHER_CLOCKS_MARGIN = 300;

    private final ClickHouseConnection connection;
    private final boolean hasFailReason;
    private final Duration timeout;
    private final MooseLog log;

    public MutationWaiter(ClickHouseConnection connection, Duration timeout, MooseLog log) {
        this.connection = connection;
        this.timeout = timeout;
        this.log = log;
        this.hasFailReason = connection.queryLong("SELECT count() FROM system.columns WHERE database = 'system' "
                + "AND table = 'mutations' AND name = 'latest_fail_reason'") > 0;
    }

    /** The server's clock, in seconds: mutations created from then on belong to what runs next. */
    public long serverNow() {
        return connection.queryLong("SELECT toUInt32(now())");
    }

    private record Pending(String table, String id, String command, long partsToDo, String failReason) {
    }

    /** Waits until no mutation in {@code databases} created at or after {@code since} (server seconds) is unfinished. */
    public List<String> await(long since, Collection<String> databases) {
        return await(since, databases, List.of());
    }

    /**
     * As {@link #await(long, Collection)}, on every host of a cluster when {@code hosts} lists them (each read
     * through the connected server): an ALTER run ON CLUSTER starts a mutation on each host, and a replicated one
     * runs on every replica. Other hosts' clocks may differ from the connected one's by a little, so there
     * mutations from {@value #OTHER_CLOCKS_MARGIN} s before {@code since} count too.
     */
    public List<String> await(long since, Collection<String> databases, List<ClusterHost> hosts) {
        String inList = String.join(", ", databases.stream().map(Sql::quoteString).toList());
        long start = System.nanoTime();
        long lastReport = start;
        java.util.Set<String> awaited = new java.util.LinkedHashSet<>();
        while (true) {
            List<Pending> pending = new java.util.ArrayList<>();
            if (hosts.isEmpty()) {
                pending.addAll(pending("system.mutations", "", inList, since));
            } else {
                for (ClusterHost h : hosts) {
                    pending.addAll(pending(h.remoteTable(connection, "system", "mutations"), h.describe() + ": ", inList,
                            since - OTHER_CLOCKS_MARGIN));
                }
            }
            pending.forEach(p -> awaited.add(p.table() + " " + p.id() + ": " + p.command()));
            if (pending.isEmpty()) {
                return List.copyOf(awaited);
            }
            for (Pending p : pending) {
                if (p.failReason() != null && !p.failReason().isEmpty()) {
                    throw new MooseException("The mutation " + p.id() + " on " + p.table() + " (" + p.command() + ") fails: "
                            + p.failReason() + ". Fix the data or the statement; cancel it with: KILL MUTATION WHERE mutation_id = '"
                            + p.id() + "'");
                }
            }
            long now = System.nanoTime();
            if (now - start > timeout.toNanos()) {
                Pending p = pending.get(0);
                throw new MooseException("The mutation " + p.id() + " on " + p.table() + " (" + p.command() + ") has not finished after "
                        + timeout.toSeconds() + " s (" + Fix.MUTATION_TIMEOUT + "); " + p.partsToDo() + " parts to do. Wait for it and run "
                        + "migrate again (it resumes after this operation once the mutation is done), or cancel it with: "
                        + "KILL MUTATION WHERE mutation_id = '" + p.id() + "'");
            }
            if (now - lastReport > Duration.ofSeconds(5).toNanos()) {
                for (Pending p : pending) {
                    log.info("      waiting for mutation " + p.id() + " on " + p.table() + ": " + p.partsToDo() + " parts to do");
                }
                lastReport = now;
            }
            Pause.sleep(200, "mutations");
        }
    }

    private List<Pending> pending(String mutations, String where, String inList, long since) {
        return connection.query("SELECT database || '.' || table, mutation_id, command, parts_to_do, "
                + (hasFailReason ? "latest_fail_reason" : "''") + " FROM " + mutations + " WHERE is_done = 0 AND database IN ("
                + inList + ") AND toUInt32(create_time) >= " + since,
                rs -> new Pending(where + rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
    }

    /**
     * Waits until no statement of a stopped run is still running on the server. A run killed while it sent a
     * statement leaves that statement running (an INSERT … SELECT goes on after its client is gone); the next run,
     * holding the lock, must not decide what ran, nor run anything, before it ends.
     *
     * @param timeout how long to wait before giving up, naming the statement and how to stop it
     */
    public void awaitStatementsOfStoppedRuns(Duration timeout) {
        awaitStatementsOfStoppedRuns(timeout, List.of());
    }

    /**
     * As {@link #awaitStatementsOfStoppedRuns(Duration)}, on every host of a cluster when {@code hosts} lists them: a
     * run connected to another host may have been stopped, and the parts of its statements that run on other
     * hosts carry its query id as their initial one.
     */
    public void awaitStatementsOfStoppedRuns(Duration timeout, List<ClusterHost> hosts) {
        long start = System.nanoTime();
        boolean told = false;
        List<String> sources = hosts.isEmpty() ? List.of("system.processes")
                : hosts.stream().map(h -> h.remoteTable(connection, "system", "processes")).toList();
        while (true) {
            List<String[]> running = new java.util.ArrayList<>();
            for (String processes : sources) {
                running.addAll(connection.query("SELECT initial_query_id, toString(round(elapsed)), substring(query, 1, 200) FROM "
                        + processes + " WHERE initial_query_id LIKE " + Sql.quoteString(Journal.QUERY_ID_PREFIX + "%"),
                        rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}));
            }
            if (running.isEmpty()) {
                return;
            }
            String[] first = running.get(0);
            if (!told) {
                log.info("Waiting for a statement that a stopped run left running on the server (query id " + first[0] + ", running "
                        + "for " + first[1] + " s): " + first[2]);
                told = true;
            }
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new MooseException("A statement that a stopped run left running on the server has not finished after "
                        + timeout.toSeconds() + " s (query id " + first[0] + "): " + first[2] + "\nWait for it, or stop it with "
                        + "KILL QUERY WHERE query_id = " + Sql.quoteString(first[0]) + ", then run migrate again: it works out "
                        + "from the database and the journal what ran.");
            }
            Pause.sleep(200, "a statement of a stopped run");
        }
    }
}
