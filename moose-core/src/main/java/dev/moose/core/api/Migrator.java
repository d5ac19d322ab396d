package dev.moose.core.api;

import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import dev.moose.core.OperationFailedException;
import dev.moose.core.MooseLog;
import dev.moose.core.internal.bookkeeping.Journal;
import dev.moose.core.internal.bookkeeping.Bookkeeping;
import dev.moose.core.internal.bookkeeping.MigrationLock;
import dev.moose.core.internal.bookkeeping.Placement;
import dev.moose.core.internal.bookkeeping.StateRegistry;
import dev.moose.core.internal.diff.Differences;
import dev.moose.core.internal.cluster.ClusterHost;
import dev.moose.core.internal.execute.PlanStatements;
import dev.moose.core.internal.execute.MutationWaiter;
import dev.moose.core.internal.introspect.Introspector;
import dev.moose.core.internal.introspect.RemoteSchema;
import dev.moose.core.internal.sql.Credentials;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.SqlResource;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.RawSql;
import dev.moose.core.plan.ResourceLedger;
import dev.moose.core.plan.Resume;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ClickHouseException;
import dev.moose.core.server.ConnectionSettings;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Applies a planned migration to a database: every check first ({@link Preflight}), then the operations in order
 * under a lock, each logged as {@code [i/N] description (time)}, waiting for the mutations they start, recorded
 * in the journal so a run that stopped resumes exactly where it stopped. Afterwards the database is compared with
 * {@code local_infra_map.json}.
 *
 * <p>Usable without Maven, for a service that migrates its database when it starts:
 * <pre>{@code
 * try (ClickHouseConnection c = ClickHouseConnection.open(ConnectionSettings.parse(url))) {
 *     Migrator.migrate(c, MigrationInput.fromClasspath(getClass().getClassLoader(), "migrations"),
 *             null, Migrator.Options.defaults(), MooseLog.console());
 * }
 * }</pre>
 */
public final class Migrator {

    /**
     * @param dryRun            run every check, print every statement, execute nothing
     * @param lockTimeout       how long to wait while another run holds the lock
     * @param lockTtl           how long a lock lives without renewal (a dead run's lock expires after it)
     * @param mutationTimeout   how long to wait for one operation's mutations
     * @param skipPlanValidation run a plan that simulation cannot show to reach the code (RawSql doing the work)
     */
    public record Options(boolean dryRun, Duration lockTimeout, Duration lockTtl, Duration mutationTimeout, boolean skipPlanValidation,
                          boolean rerunInterrupted, Listener listener, String cluster, Duration clusterDdlTimeout) {

        /** Five minutes for the lock, a lock lifetime of two, an hour for each operation's mutations; every check on. */
        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder(new Options(false, Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofHours(1), false, false,
                    new Listener() { }, null, Duration.ofMinutes(3)));
        }

        /** These options, to change some: {@code options.toBuilder().dryRun(true).build()}. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Sets options one at a time. */
        public static final class Builder {
            private boolean dryRun;
            private Duration lockTimeout;
            private Duration lockTtl;
            private Duration mutationTimeout;
            private boolean skipPlanValidation;
            private boolean rerunInterrupted;
            private Listener listener;
            private String cluster;
            private Duration clusterDdlTimeout;

            private Builder(Options from) {
                cluster = from.cluster;
                clusterDdlTimeout = from.clusterDdlTimeout;
                dryRun = from.dryRun;
                lockTimeout = from.lockTimeout;
                lockTtl = from.lockTtl;
                mutationTimeout = from.mutationTimeout;
                skipPlanValidation = from.skipPlanValidation;
                rerunInterrupted = from.rerunInterrupted;
                listener = from.listener;
            }

            public Builder dryRun(boolean value) {
                dryRun = value;
                return this;
            }

            public Builder lockTimeout(Duration value) {
                lockTimeout = value;
                return this;
            }

            public Builder lockTtl(Duration value) {
                lockTtl = value;
                return this;
            }

            public Builder mutationTimeout(Duration value) {
                mutationTimeout = value;
                return this;
            }

            public Builder skipPlanValidation(boolean value) {
                skipPlanValidation = value;
                return this;
            }

            /** Sends again the statement a stopped run was sending, whose effect cannot be seen in the schema. */
            public Builder rerunInterrupted(boolean value) {
                rerunInterrupted = value;
                return this;
            }

            public Builder listener(Listener value) {
                listener = value;
                return this;
            }

            /**
             * The project's cluster: the lock, the journal and the registry are kept on every host of it. Without it,
             * the cluster the plan's operations name (when they name one) is used.
             */
            public Builder cluster(String value) {
                cluster = value == null || value.isBlank() ? null : value;
                return this;
            }

            /** How long an {@code ON CLUSTER} statement waits for every host (ClickHouse's distributed_ddl_task_timeout). */
            public Builder clusterDdlTimeout(Duration value) {
                clusterDdlTimeout = value;
                return this;
            }

            public Options build() {
                return new Options(dryRun, lockTimeout, lockTtl, mutationTimeout, skipPlanValidation, rerunInterrupted, listener,
                        cluster, clusterDdlTimeout);
            }
        }
    }

    /** Told before each operation and each statement runs (progress displays; fault tests stop things there). */
    public interface Listener {
        default void beforeOperation(int index, int total, Operation operation) {
        }

        /** Just before statement {@code statement} (0-based) of operation {@code operation} is sent. */
        default void beforeStatement(int operation, int statement, String sql) {
        }

        /** Operation {@code index} (0-based) ran: {@code statements} statements, in {@code millis}. */
        default void afterOperation(int index, int statements, long millis) {
        }

        /** Operation {@code index} started these mutations ({@code db.table id: command}), and the run waited for them. */
        default void mutationsAwaited(int index, List<String> mutations) {
        }
    }

    public enum Outcome {
        /** Every operation ran. */
        APPLIED,
        /** A stopped run was finished from the operation where it stopped. */
        RESUMED,
        /** The database already matched the code: nothing ran. */
        ALREADY_AT_TARGET,
        /** Checks only, statements printed. */
        DRY_RUN
    }

    /**
     * @param from                 the first operation run (0-based; resumed runs start later)
     * @param fromStatement        its first statement run (0-based; later when a stopped run was inside it)
     * @param executed             how many operations ran
     * @param unchecked            operations plan validation could not check (RawSql)
     * @param remainingDifferences how the database still differs from local_infra_map.json afterwards (reported)
     * @param statements           every statement run (or, in a dry run, that would run)
     */
    public record Result(Outcome outcome, int from, int fromStatement, int executed, List<String> unchecked, List<String> remainingDifferences,
                         List<String> statements) {
    }

    /**
     * How often finished schema-visible operations are written to the journal. Each insert costs the server a new
     * part (about 25 ms on a small server, as much as several DDL statements), and a run that stops between two
     * writes loses nothing: where it stopped is read from the schema itself. Invisible operations, failures and the
     * end of a run are written at once.
     */
    private static final long JOURNAL_INTERVAL_NANOS = 1_000_000_000L;

    private Migrator() {
    }

    /**
     * Runs the migration.
     *
     * @param codeNow the code's map scanned now, for the code-drift check; {@code null} to skip it (an application
     *                migrating itself ships the plan built from its own code)
     * @throws CheckFailedException when a check fails (nothing changed)
     * @throws MooseException       when a statement or mutation fails (the journal records where)
     */
    public static Result migrate(ClickHouseConnection connection, MigrationInput in, InfraMap codeNow, Options options, MooseLog log) {
        MigrationPlan plan = in.plan();
        for (String w : plan.warnings()) {
            log.warn(w);
        }
        if (codeNow != null) {
            Preflight.codeUnchanged(codeNow, in);
        }
        boolean planComments = in.generatedAgainst().map(v -> Capabilities.of(v).has(Feature.TABLE_COMMENT)).orElse(true);
        List<String> unchecked = List.of();
        if (options.skipPlanValidation()) {
            log.warn("Plan validation skipped (" + Fix.SKIP_PLAN_VALIDATION + "): the plan is not checked to reach " + in.localInfraMapName());
        } else {
            unchecked = Preflight.validatePlan(in, planComments).unchecked();
            unchecked.forEach(u -> log.info("Not checked by simulation (runs as written): " + u));
        }
        // every operation rendered for this server, in the state before it: refuses what the server cannot run
        List<List<String>> rendered = Preflight.render(plan, in.remoteState(), PlanStatements.context(connection, plan.operations()));
        Preflight.emptyOperations(plan, rendered).forEach(log::warn);
        // credentials the plan reads from the environment: every one must be set before the first statement runs
        rendered.forEach(statements -> statements.forEach(s -> Credentials.resolve(s, connection.environment())));
        boolean liveComments = Capabilities.of(connection.version()).has(Feature.TABLE_COMMENT);

        String runId = UUID.randomUUID().toString();
        Placement placement = Bookkeeping.placement(connection, plan, options.cluster(), options.clusterDdlTimeout());
        MigrationLock lock = options.dryRun() ? null : MigrationLock.acquire(connection, placement,
                MigrationLock.describeThisProcess(runId), options.lockTtl(), options.lockTimeout(), log);
        try {
            if (!options.dryRun()) {
                // what a killed run left running decides what ran: nothing is read or run before it ends
                new MutationWaiter(connection, options.mutationTimeout(), log).awaitStatementsOfStoppedRuns(options.lockTimeout(),
                        placement.cluster() == null ? List.of() : ClusterHost.of(connection, placement.cluster()));
            }
            Journal journal = new Journal(connection, placement);
            Journal.Run run = journal.lastRun();
            RemoteSchema remote = Introspector.introspect(connection, in.databases());
            Preflight.checkUnmanagedDependents(remote, in);
            Preflight.refuseDisagreeingHosts(connection, in.localInfraMap(), remote);
            InfraMap live = remote.relevantTo(in.localInfraMap());
            Preflight.Position position = Preflight.locate(live, in, rendered, run, liveComments, options.rerunInterrupted());
            if (!options.dryRun()) {
                finishLeftovers(connection, plan, position.from(), remote, lock, log);
                finishUnseenSteps(connection, in, rendered, position.from(), run, lock, options, log);
            }
            if (position.kind() == Preflight.Position.Kind.AT_TARGET) {
                log.info("The database already matches " + in.localInfraMapName() + ": nothing to run.");
                if (!options.dryRun()) {
                    StateRegistry.of(in.localInfraMap()).store(connection, placement, remote.registry());
                    if (run.exists() && !run.completed()) {
                        journal.write(run.runId(), run.planChecksum(), List.of(Journal.Entry.completed(plan.operations().size())));
                    }
                }
                return new Result(Outcome.ALREADY_AT_TARGET, plan.operations().size(), 0, 0, unchecked, List.of(), List.of());
            }
            int from = position.from();
            if (position.kind() == Preflight.Position.Kind.RESUME) {
                log.info("Resuming: operations 1 to " + from + " of " + plan.operations().size()
                        + " were applied by a previous run; the database is in the state after operation " + from + ".");
            }
            if (position.fromStatement() > 0) {
                log.info("Operation " + (from + 1) + " was interrupted after its statement " + position.fromStatement()
                        + ": it continues with statement " + (position.fromStatement() + 1) + " of " + rendered.get(from).size() + ".");
            }
            if (options.dryRun()) {
                return dryRun(plan, from, position.fromStatement(), rendered, unchecked, log);
            }
            return execute(connection, in, from, position.fromStatement(), rendered, remote.registry(), runId, journal, options, unchecked,
                    position.kind() == Preflight.Position.Kind.RESUME ? Outcome.RESUMED : Outcome.APPLIED, liveComments, lock, log);
        } finally {
            if (lock != null) {
                lock.release(connection);
            }
        }
    }

    /**
     * Operations counted done because the schema shows them may have left work a stopped run did not finish (a
     * rebuild's stale old table): it is finished now, so that resuming finishes each operation exactly.
     */
    private static void finishLeftovers(ClickHouseConnection connection, MigrationPlan plan, int done, RemoteSchema remote,
                                        MigrationLock lock, MooseLog log) {
        for (int i = 0; i < done; i++) {
            for (String statement : plan.operations().get(i).leftovers(remote.everything())) {
                lock.ensureHeld(connection);
                connection.execute(statement);
                log.info("Finished operation " + (i + 1) + ", which a stopped run left part-done: " + statement);
            }
        }
    }

    /** Convenience for applications: connects, migrates from the classpath location, closes. */
    public static Result migrateFromClasspath(ConnectionSettings settings, ClassLoader loader, String location, Options options,
                                              MooseLog log) {
        try (ClickHouseConnection c = ClickHouseConnection.open(settings)) {
            return migrate(c, MigrationInput.fromClasspath(loader, location), null, options, log);
        }
    }

    private static Result dryRun(MigrationPlan plan, int from, int fromStatement, List<List<String>> rendered, List<String> unchecked,
                                 MooseLog log) {
        int n = plan.operations().size();
        List<String> statements = new ArrayList<>();
        log.info("Dry run (" + Fix.DRY_RUN + "): every check passed; these statements would run, nothing was executed:");
        for (int i = from; i < n; i++) {
            Operation op = plan.operations().get(i);
            log.info("[" + (i + 1) + "/" + n + "] " + op.describe() + (op.isDestructive() ? " (DESTRUCTIVE)" : ""));
            List<String> sqls = rendered.get(i);
            for (String sql : i == from ? sqls.subList(Math.min(fromStatement, sqls.size()), sqls.size()) : sqls) {
                statements.add(sql);
                sql.lines().forEach(l -> log.info("      " + l));
            }
        }
        return new Result(Outcome.DRY_RUN, from, fromStatement, 0, unchecked, List.of(), statements);
    }

    private static Result execute(ClickHouseConnection connection, MigrationInput in, int from, int fromStatement,
                                  List<List<String>> rendered,
                                  StateRegistry registry, String runId, Journal journal, Options options, List<String> unchecked,
                                  Outcome outcome, boolean liveComments, MigrationLock lock, MooseLog log) {
        MigrationPlan plan = in.plan();
        int n = plan.operations().size();
        String checksum = plan.checksum();
        journal.ensureTable();
        MutationWaiter mutations = new MutationWaiter(connection, options.mutationTimeout(), log);
        Map<String, List<ClusterHost>> hostsOf = new HashMap<>(); // read once per cluster, not per operation
        Set<String> databases = allDatabases(connection, in);
        long clockOffset = mutations.serverNow() - System.currentTimeMillis() / 1000;
        // Operations before 'from' count as done for this run, so that a run that stops again resumes from its own record.
        List<Journal.Entry> pending = new ArrayList<>();
        for (int i = 0; i < from; i++) {
            pending.add(Journal.Entry.of(plan, i, "done", 0, null));
        }
        List<String> statements = new ArrayList<>();
        StateRegistry current = registry;
        long total = System.nanoTime();
        long lastFlush = total;
        for (int i = from; i < n; i++) {
            Operation op = plan.operations().get(i);
            List<String> sql = rendered.get(i);
            boolean invisible = Preflight.isInvisible(op);
            long since = System.currentTimeMillis() / 1000 + clockOffset - 1;
            long t0 = System.nanoTime();
            int first = i == from ? Math.min(fromStatement, sql.size()) : 0;
            int ran = first;
            try {
                options.listener().beforeOperation(i, n, op);
                if (finishesUnseen(op, sql)) {
                    // recorded before it runs: a run that stops in between is then known to have maybe run its MATERIALIZE
                    pending.add(Journal.Entry.of(plan, i, "started", 0, null));
                    flush(journal, runId, checksum, pending);
                }
                for (int s = first; s < sql.size(); s++) {
                    String statement = sql.get(s);
                    lock.ensureHeld(connection); // fencing: a run that lost the lock runs nothing more
                    if (invisible) {
                        // the schema cannot show what ran: each statement is recorded as the one being sent, after
                        // the ones before it ran, so a run that stops here is resumed at this statement
                        pending.add(Journal.Entry.of(plan, i, "started", s, null));
                        flush(journal, runId, checksum, pending);
                    }
                    options.listener().beforeStatement(i, s, statement);
                    PlanStatements.execute(connection, statement, Journal.queryId(runId, i, s), options.clusterDdlTimeout());
                    statements.add(statement);
                    ran++;
                }
                if (op.execution().mayStartMutations()) {
                    List<String> awaited = mutations.await(since, databases, op.runsOnCluster()
                            .map(c -> hostsOf.computeIfAbsent(c, k -> ClusterHost.of(connection, k))).orElse(List.of()));
                    if (!awaited.isEmpty()) {
                        options.listener().mutationsAwaited(i, awaited);
                    }
                }
                current = recordResource(connection, journal.placement(), op, current);
            } catch (MigrationLock.LostException e) {
                log.error("[" + (i + 1) + "/" + n + "] " + op.describe() + ": not run, the lock was lost after " + ran + " of "
                        + sql.size() + " statements");
                throw e;
            } catch (MooseException e) {
                try {
                    if (invisible && e instanceof ClickHouseException ce && (ce.kind() == ClickHouseException.Kind.UNREACHABLE
                            || ce.kind() == ClickHouseException.Kind.TIMEOUT)) {
                        // no answer: whether the statement ran is unknown, as the "started" record already says
                        flush(journal, runId, checksum, pending);
                    } else {
                        // the server refused statement 'ran': the next run starts with it (the ones before it ran)
                        pending.add(Journal.Entry.of(plan, i, "failed", ran, connection.redact(e.getMessage())));
                        flush(journal, runId, checksum, pending);
                    }
                } catch (MooseException journalDown) {
                    // the server is gone: the next run finds where this one stopped from the database itself
                    log.warn("Could not record the failure in " + Journal.TABLE + ": " + journalDown.getMessage());
                }
                log.error("[" + (i + 1) + "/" + n + "] " + op.describe() + " failed after " + ran + " of " + sql.size() + " statements");
                throw new OperationFailedException("Operation " + (i + 1) + " of " + n + " (" + op.name() + ": " + op.describe() + ") failed: "
                        + e.getMessage() + "\nOperations 1 to " + i + " are applied and recorded in " + Journal.TABLE
                        + ". Fix the cause (or the plan) and run migrate again: it resumes at operation " + (i + 1) + ".", i, ran, e);
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            log.info("[" + (i + 1) + "/" + n + "] " + op.describe() + " (" + millis + " ms)");
            options.listener().afterOperation(i, ran, millis);
            pending.add(Journal.Entry.of(plan, i, "done", sql.size(), null));
            if (invisible || System.nanoTime() - lastFlush >= JOURNAL_INTERVAL_NANOS) {
                flush(journal, runId, checksum, pending);
                lastFlush = System.nanoTime();
            }
        }
        // The registry first: a run that stops between the two writes is finished again by the next, at no cost.
        lock.ensureHeld(connection);
        StateRegistry.of(in.localInfraMap()).store(connection, journal.placement(), current);
        pending.add(Journal.Entry.completed(n));
        flush(journal, runId, checksum, pending);
        log.info("Applied operations " + (from + 1) + " to " + n + " in " + (System.nanoTime() - total) / 1_000_000 + " ms.");

        RemoteSchema after = Introspector.introspect(connection, in.databases());
        List<String> remaining = Differences.between(in.localInfraMap(), after.relevantTo(in.localInfraMap()), liveComments);
        if (!remaining.isEmpty()) {
            log.warn("After the plan, the database still differs from " + in.localInfraMapName() + ":");
            remaining.forEach(d -> log.warn("  - " + d));
        }
        return new Result(outcome, from, fromStatement, n - from, unchecked, remaining, statements);
    }

    private static void flush(Journal journal, String runId, String checksum, List<Journal.Entry> pending) {
        journal.write(runId, checksum, pending);
        pending.clear();
    }

    /** SQL resources are remembered in the registry as soon as they run, so a stopped run is seen where it stopped. */
    private static StateRegistry recordResource(ClickHouseConnection connection, Placement placement, Operation op, StateRegistry current) {
        StateRegistry[] next = {current};
        op.record(new ResourceLedger() {
            @Override
            public void added(SqlResource resource) {
                next[0] = next[0].withResource(resource);
            }

            @Override
            public void removed(String key) {
                next[0] = next[0].withoutResource(key);
            }
        });
        if (next[0] != current) {
            next[0].store(connection, placement, current);
        }
        return next[0];
    }

    /**
     * An operation whose last statements leave no trace in the schema (MATERIALIZE INDEX/PROJECTION after the ADD):
     * once its first statement ran the schema says "done" whether or not the rest ran.
     */
    static boolean finishesUnseen(Operation op, List<String> statements) {
        return op.execution().resume() == Resume.SCHEMA_THEN_UNSEEN && statements.size() > 1;
    }

    /**
     * Operations counted done because the schema shows them, that the last run started and did not record done, and
     * whose last statements leave no trace (a MATERIALIZE): those statements run again (materialising twice only
     * costs time), so that a run stopped between ADD and MATERIALIZE still materialises.
     */
    private static void finishUnseenSteps(ClickHouseConnection connection, MigrationInput in, List<List<String>> rendered,
                                          int done, Journal.Run run, MigrationLock lock, Options options, MooseLog log) {
        if (!run.exists() || run.completed()) {
            return;
        }
        MigrationPlan plan = in.plan();
        MutationWaiter mutations = null;
        for (int i = 0; i < done; i++) {
            Operation op = plan.operations().get(i);
            Journal.OperationRecord r = run.operations().get(i);
            if (!finishesUnseen(op, rendered.get(i)) || r == null || r.done() || !plan.matchesRecorded(i, r.operationChecksum())) {
                continue;
            }
            if (mutations == null) {
                mutations = new MutationWaiter(connection, options.mutationTimeout(), log);
            }
            long since = mutations.serverNow() - 1;
            List<String> rest = rendered.get(i).subList(1, rendered.get(i).size());
            for (String statement : rest) {
                lock.ensureHeld(connection);
                connection.execute(statement);
            }
            mutations.await(since, allDatabases(connection, in));
            log.info("Finished operation " + (i + 1) + " (" + op.describe() + "), which a stopped run left after its first statement: "
                    + String.join("; ", rest));
        }
    }

    private static Set<String> allDatabases(ClickHouseConnection connection, MigrationInput in) {
        Set<String> dbs = new TreeSet<>(in.databases());
        dbs.add(connection.database());
        return dbs;
    }
}
