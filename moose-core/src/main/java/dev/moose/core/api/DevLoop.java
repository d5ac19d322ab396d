package dev.moose.core.api;

import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.internal.bookkeeping.StateRegistry;
import dev.moose.core.internal.diff.ChangeLog;
import dev.moose.core.internal.execute.PlanApplier;
import dev.moose.core.internal.workflow.ClassesWatcher;
import dev.moose.core.model.InfraMap;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.plan.Operation;
import dev.moose.core.scan.DeclarationError;
import dev.moose.core.scan.DeclarationException;
import dev.moose.core.scan.ScanRequest;
import dev.moose.core.scan.ScanResult;
import dev.moose.core.scan.SchemaScanner;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.version.ServerVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * {@code moose:dev}: applies the code to a development database at once, then every time the compiled classes
 * change. Each round scans the classes, reads the database, diffs, and runs the operations straight away (no plan
 * file, no review), printing the change log. A round that cannot finish (a declaration error, a statement the
 * server rejects) says why and changes nothing more; the loop keeps watching and the next good state is applied.
 *
 * <p>Materialized views whose SELECT changed are dropped, created again and their target refilled, as the differ
 * plans it. Destructive operations are announced, and with {@link Options#confirmDestructive} asked about first.
 */
public final class DevLoop implements AutoCloseable {

    /** The header of every round, in the original tool's words. */
    public static final String HEADER = "⢹ Processing Infrastructure changes from ";

    /**
     * @param quietPeriod        how long the classes must stay unchanged before a round starts (one compilation's burst)
     * @param pollInterval       how often the directories are looked at when no file-system event arrives
     * @param confirmDestructive ask {@code confirmation} before a round with destructive operations
     */
    public record Options(Duration quietPeriod, Duration pollInterval, boolean confirmDestructive, Confirmation confirmation,
                          Listener listener) {

        /** A quiet period of 300 ms, a poll every second, destructive changes applied without asking. */
        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder(new Options(Duration.ofMillis(300), Duration.ofSeconds(1), false, destructive -> false, round -> { }));
        }

        /** These options, to change some: {@code options.toBuilder().listener(l).build()}. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Sets options one at a time, as {@link Migrator.Options.Builder} does. */
        public static final class Builder {
            private Duration quietPeriod;
            private final Duration pollInterval;
            private boolean confirmDestructive;
            private Confirmation confirmation;
            private Listener listener;

            private Builder(Options from) {
                quietPeriod = from.quietPeriod;
                pollInterval = from.pollInterval;
                confirmDestructive = from.confirmDestructive;
                confirmation = from.confirmation;
                listener = from.listener;
            }

            public Builder quietPeriod(Duration value) {
                quietPeriod = value;
                return this;
            }

            /** Asks {@code how} before applying a destructive change, when {@code value}. */
            public Builder confirmDestructive(boolean value, Confirmation how) {
                confirmDestructive = value;
                confirmation = how;
                return this;
            }

            public Builder listener(Listener value) {
                listener = value;
                return this;
            }

            public Options build() {
                return new Options(quietPeriod, pollInterval, confirmDestructive, confirmation, listener);
            }
        }
    }

    /** Asks whether to apply a round with destructive operations (their reasons given); true applies it. */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(List<String> destructive);
    }

    /** Told after every round (tests, latency measurements, the goal watching its embedded server). */
    @FunctionalInterface
    public interface Listener {
        void finished(Round round);
    }

    public enum Outcome {
        /** The database already matched the code. */
        NO_CHANGES,
        /** Every operation ran. */
        APPLIED,
        /** Destructive operations were not confirmed: nothing ran. */
        DECLINED,
        /** The classes could not be scanned: nothing ran. */
        CODE_ERROR,
        /** The server refused a statement or could not be reached: the operations before it ran. */
        SERVER_ERROR
    }

    /**
     * One round.
     *
     * @param trigger    {@code start-up} or {@code file watcher}
     * @param changeLog  the change log printed (empty when nothing changed)
     * @param applied    how many operations ran
     * @param problem    what went wrong, for the error outcomes
     * @param detectedAt {@link System#nanoTime()} when the change was first seen (the round's start at start-up)
     * @param finishedAt {@link System#nanoTime()} when the round ended
     */
    public record Round(Outcome outcome, String trigger, List<String> changeLog, int applied, String problem, long detectedAt,
                        long finishedAt) {

        public long millis() {
            return (finishedAt - detectedAt) / 1_000_000;
        }
    }

    private final ClickHouseConnection connection;
    private final Function<ServerVersion, ScanRequest> scan;
    private final ServerVersion typesFor;
    private final Options options;
    private final MooseLog log;
    private final ClassesWatcher watcher;

    /**
     * Starts watching {@code watched} at once (so that nothing compiled during the first round is missed).
     *
     * @param scan     how to scan the code, given the release types are mapped for
     * @param typesFor the release to map Java types for; {@code null} for the server's
     */
    public DevLoop(ClickHouseConnection connection, Function<ServerVersion, ScanRequest> scan, ServerVersion typesFor,
                   List<Path> watched, Options options, MooseLog log) {
        this.connection = connection;
        this.scan = scan;
        this.typesFor = typesFor != null ? typesFor : connection.version();
        this.options = options;
        this.log = log;
        this.watcher = new ClassesWatcher(watched, options.quietPeriod(), options.pollInterval());
    }

    /** Applies the code now, then after every change, until {@link #close()} (or the thread is interrupted). */
    public void run() {
        apply("start-up", System.nanoTime());
        Path here = Path.of("").toAbsolutePath();
        log.info("Watching " + String.join(", ", watcher.roots().stream()
                .map(p -> p.startsWith(here) ? here.relativize(p).toString() : p.toString()).toList())
                + " for compiled changes (Ctrl-C stops).");
        while (watcher.awaitChange()) {
            if (watcher.files() == 0) {
                // mvn clean, or a full rebuild that has deleted the classes and not yet written the new ones
                log.info("The watched directories hold no classes now (a clean or a build under way?): nothing applied; "
                        + "waiting for classes.");
                continue;
            }
            apply("file watcher", watcher.changeSeenAt());
        }
    }

    /** One round: scan, read, diff, apply. Never throws for what the user can fix; it is printed and returned. */
    public Round apply(String trigger, long detectedAt) {
        InfraMap code;
        ScanRequest request = scan.apply(typesFor);
        try {
            ScanResult scanned = SchemaScanner.scan(request);
            scanned.warnings().forEach(log::warn);
            code = scanned.infraMap();
        } catch (DeclarationException e) {
            log.error(HEADER + trigger + ": the code cannot be applied; nothing changed in the database:");
            for (DeclarationError error : e.errors()) {
                log.error("  " + error);
            }
            log.error("Fix it and compile again; moose:dev keeps watching.");
            return finish(new Round(Outcome.CODE_ERROR, trigger, List.of(), 0, e.getMessage(), detectedAt, System.nanoTime()));
        } catch (MooseException e) {
            log.error(HEADER + trigger + ": the classes cannot be read; nothing changed in the database: " + e.getMessage());
            return finish(new Round(Outcome.CODE_ERROR, trigger, List.of(), 0, e.getMessage(), detectedAt, System.nanoTime()));
        }

        Generator.Comparison cmp;
        try {
            cmp = Generator.compare(connection, code, request.cluster());
        } catch (MooseException e) {
            log.error(HEADER + trigger + ": cannot read the database: " + e.getMessage());
            return finish(new Round(Outcome.SERVER_ERROR, trigger, List.of(), 0, e.getMessage(), detectedAt, System.nanoTime()));
        }
        List<Operation> ops = cmp.diff().operations();
        cmp.remote().registry().problems().forEach(log::warn);
        try {
            Generator.refuseDropsFromAnEmptyScan(code, request, ops);
        } catch (MooseException e) {
            log.error(HEADER + trigger + ": " + e.getMessage());
            return finish(new Round(Outcome.CODE_ERROR, trigger, List.of(), 0, e.getMessage(), detectedAt, System.nanoTime()));
        }
        cmp.diff().blocked().forEach(b -> log.warn("Blocked by its life cycle: " + b));
        if (ops.isEmpty()) {
            if (trigger.equals("start-up")) {
                log.info("The database matches the code (" + code.summary() + ").");
            } else {
                log.debug("Classes changed, the schema did not.");
            }
            return finish(new Round(Outcome.NO_CHANGES, trigger, List.of(), 0, null, detectedAt, System.nanoTime()));
        }

        List<String> changeLog = ChangeLog.lines(ops, cmp.remoteState());
        log.info(HEADER + trigger);
        changeLog.forEach(line -> log.info("  " + line));
        List<String> destructive = ops.stream().filter(Operation::isDestructive).map(Operation::destructiveReason).toList();
        destructive.forEach(d -> log.warn("  DESTRUCTIVE: " + d));
        if (!destructive.isEmpty() && options.confirmDestructive() && !options.confirmation().confirm(destructive)) {
            log.warn("Not applied: the destructive changes were not confirmed. Change the code, or compile again and answer y.");
            return finish(new Round(Outcome.DECLINED, trigger, changeLog, 0, null, detectedAt, System.nanoTime()));
        }

        int[] done = {0};
        PlanApplier.Listener progress = new PlanApplier.Listener() {
            @Override
            public void finished(int index, int total, Operation operation, long millis) {
                done[0] = index + 1;
                log.debug("  [" + (index + 1) + "/" + total + "] " + operation.describe() + " (" + millis + " ms)");
            }
        };
        try {
            PlanApplier.apply(connection, ops, 0, cmp.remoteState(), progress, log);
        } catch (MooseException e) {
            Operation failed = ops.get(done[0]);
            log.error("  Operation " + (done[0] + 1) + " of " + ops.size() + " failed (" + failed.describe() + "): " + e.getMessage());
            log.error("  " + (done[0] == 0 ? "Nothing was applied." : "Operations 1 to " + done[0] + " are applied.")
                    + " Fix the code and compile again; moose:dev keeps watching.");
            recordReached(cmp, ops, done[0]);
            return finish(new Round(Outcome.SERVER_ERROR, trigger, changeLog, done[0], e.getMessage(), detectedAt, System.nanoTime()));
        }
        StateRegistry.of(code).store(connection, cmp.remote().registry());
        long finished = System.nanoTime();
        log.info("  Applied " + ops.size() + " operation" + (ops.size() == 1 ? "" : "s") + " in "
                + (finished - detectedAt) / 1_000_000 + " ms.");
        return finish(new Round(Outcome.APPLIED, trigger, changeLog, ops.size(), null, detectedAt, finished));
    }

    /** After a round stopped part-way, the registry records what the operations that ran left in place. */
    private void recordReached(Generator.Comparison cmp, List<Operation> ops, int done) {
        try {
            InfraMap reached = MigrationPlan.of(ops).simulate(cmp.remoteState(), done);
            StateRegistry.of(reached).store(connection, cmp.remote().registry());
        } catch (MooseException e) {
            log.debug("Could not record the state reached: " + e.getMessage());
        }
    }

    private Round finish(Round round) {
        options.listener().finished(round);
        return round;
    }

    /** Stops watching; a round under way finishes first, then {@link #run()} returns. */
    @Override
    public void close() {
        watcher.close();
    }

    /** What is watched, for messages. */
    public List<Path> watched() {
        return watcher.roots();
    }
}
