package dev.moose.core.api;

import dev.moose.core.Fix;
import dev.moose.core.internal.bookkeeping.Journal;
import dev.moose.core.internal.cluster.HostDrift;
import dev.moose.core.internal.diff.Differences;
import dev.moose.core.internal.introspect.RemoteSchema;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.model.InfraMap;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.PlanException;
import dev.moose.core.plan.RenderContext;
import dev.moose.core.plan.Resume;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import dev.moose.core.version.ServerVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks made before the first statement runs, shared by {@code migrate}, {@code verify} and applications
 * migrating themselves: code drift, plan validation, server capabilities, and where the live database stands.
 * Each failing check throws a {@link CheckFailedException} listing every difference and the fix.
 */
public final class Preflight {

    private Preflight() {
    }

    /**
     * The code scanned now must be what the plan was generated from.
     */
    public static void codeUnchanged(InfraMap codeNow, MigrationInput in) {
        if (codeNow.equals(in.localInfraMap())) {
            return;
        }
        List<String> diffs = Differences.between(in.localInfraMap(), codeNow, true);
        if (diffs.isEmpty()) {
            diffs = List.of("life cycles or @Column(renamedFrom) hints changed");
        }
        throw new CheckFailedException(CheckFailedException.Check.CODE_DRIFT,
                "The code changed since the plan was generated: it differs from " + in.localInfraMapName() + ":", diffs,
                "Run " + Fix.GENERATE + " to make a plan from the current code, review it and commit it.");
    }

    /** What plan validation could not check. */
    public record Validation(List<String> unchecked) {
    }

    /**
     * Applying the plan to {@code remote_state.json} in memory must give {@code local_infra_map.json}.
     * {@code RawSql} cannot be simulated: it is returned as unchecked.
     *
     * @param compareTableComments false when the server the plan was made for has no table comments
     */
    public static Validation validatePlan(MigrationInput in, boolean compareTableComments) {
        MigrationPlan plan = in.plan();
        InfraMap simulated;
        try {
            simulated = plan.simulate(in.remoteState());
        } catch (PlanException e) {
            throw new CheckFailedException(CheckFailedException.Check.PLAN_VALIDATION,
                    "The plan does not apply to the database it was made for (" + in.remoteStateName() + "):",
                    List.of(e.getMessage()), "Fix the plan, or regenerate it with " + Fix.GENERATE + ".");
        }
        List<String> unchecked = new ArrayList<>();
        for (int i = 0; i < plan.operations().size(); i++) {
            Operation op = plan.operations().get(i);
            if (op.isOpaque()) {
                unchecked.add("operation " + (i + 1) + " (" + op.name() + "): " + op.describe());
            }
        }
        List<String> diffs = Differences.between(in.localInfraMap(), simulated, compareTableComments);
        if (!diffs.isEmpty()) {
            List<String> details = new ArrayList<>();
            details.add("first difference: " + diffs.get(0) + (diffs.size() > 1 ? " (and " + (diffs.size() - 1) + " more)" : ""));
            String fix = "Edit the plan so it reaches the code's state, or regenerate it with " + Fix.GENERATE + ".";
            if (!unchecked.isEmpty()) {
                details.add("these operations cannot be checked: " + String.join("; ", unchecked));
                fix = "If the RawSql operations make exactly these changes, run with " + Fix.SKIP_PLAN_VALIDATION + "; "
                        + "otherwise edit the plan or regenerate it with " + Fix.GENERATE + ".";
            }
            throw new CheckFailedException(CheckFailedException.Check.PLAN_VALIDATION,
                    "The plan does not lead from " + in.remoteStateName() + " to " + in.localInfraMapName()
                            + ": after its " + plan.operations().size() + " operations the state still differs from the code's.",
                    details, fix);
        }
        return new Validation(unchecked);
    }

    /**
     * Renders every operation for this server, on the state just before it: any operation the server cannot run
     * is refused here, before anything runs.
     *
     * @return each operation's statements
     */
    /**
     * On a cluster, a plan made from one host must be right for every host: each host is read, and a difference in
     * the objects that live on the cluster stops generate, verify and migrate, naming the host.
     *
     * @throws CheckFailedException listing, per host, what differs from the connected one
     */
    public static void refuseDisagreeingHosts(ClickHouseConnection connection, InfraMap objects, RemoteSchema connected) {
        List<String> drift = HostDrift.between(connection, objects, connected,
                Capabilities.of(connection.version()).has(dev.moose.core.version.Feature.TABLE_COMMENT));
        if (!drift.isEmpty()) {
            throw new CheckFailedException(CheckFailedException.Check.HOST_DRIFT, "The hosts of the cluster disagree, so no plan "
                    + "is right for all of them (nothing was changed):", drift, "Make the hosts agree (run the missing change ON CLUSTER, "
                    + "or undo the change made on one host), then run again.");
        }
    }

    /**
     * The operations that run no statement on this server (a column "modified" to what it already is): the
     * reviewer who wrote one must learn that it does nothing.
     */
    public static List<String> emptyOperations(MigrationPlan plan, List<List<String>> rendered) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < plan.operations().size() && i < rendered.size(); i++) {
            Operation op = plan.operations().get(i);
            if (rendered.get(i).isEmpty() && !(op instanceof dev.moose.core.plan.RawSql raw && raw.sql().isEmpty())) {
                out.add("Operation " + (i + 1) + " (" + op.name() + ": " + op.describe() + ") runs no statement: what it asks "
                        + "for is already so in the state before it. Remove it from the plan, or correct it if it was meant "
                        + "to change something.");
            }
        }
        return out;
    }

    public static List<List<String>> render(MigrationPlan plan, InfraMap start, ServerVersion version) {
        return render(plan, start, RenderContext.of(version));
    }

    /** As {@link #render(MigrationPlan, InfraMap, ServerVersion)}, in a context that knows the connection (its database, clusters). */
    public static List<List<String>> render(MigrationPlan plan, InfraMap start, RenderContext context) {
        ServerVersion version = context.version();
        Capabilities capabilities = Capabilities.of(version);
        List<List<String>> rendered = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        InfraMap state = start;
        for (int i = 0; i < plan.operations().size(); i++) {
            Operation op = plan.operations().get(i);
            for (Feature f : op.missing(capabilities)) {
                problems.add("operation " + (i + 1) + " " + op.name() + " (" + op.describe() + ") needs " + f.description()
                        + ", which arrived in ClickHouse " + f.since());
            }
            try {
                rendered.add(op.render(context.withState(state)));
            } catch (PlanException e) {
                rendered.add(List.of());
                if (op.missing(capabilities).isEmpty()) {
                    problems.add("operation " + (i + 1) + " " + op.name() + ": " + e.getMessage());
                }
            }
            try {
                state = op.apply(state);
            } catch (PlanException e) {
                // validation reports this with the states; here only what the server can do matters
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckFailedException(CheckFailedException.Check.CAPABILITIES,
                    "The plan cannot run on this server, ClickHouse " + version + ":", problems,
                    "Edit the plan (for example replace the operation with RawSql this server runs), or change the code and "
                            + "regenerate it with " + Fix.GENERATE + ".");
        }
        return rendered;
    }

    /**
     * Where the live database stands relative to the plan.
     *
     * @param from          the first operation to run
     * @param fromStatement the first statement of that operation to run: after a run stopped inside an operation
     *                      whose effect the schema cannot show, the statements the journal records as run are not
     *                      run again
     */
    public record Position(Kind kind, int from, int fromStatement, List<String> differences) {
        public enum Kind {
            /** The database is as the plan expects before its first operation. */
            AT_START,
            /** A run stopped after operation {@code from}; the database is as the plan expects there. */
            RESUME,
            /** The database already matches the code's state. */
            AT_TARGET
        }

        Position(Kind kind, int from) {
            this(kind, from, 0, List.of());
        }
    }

    /**
     * Compares the live database with the states the plan passes through: its start, its end, or (after a run that
     * stopped) the state after the operations the journal records done. Operations whose effect is invisible to
     * introspection (raw SQL, backfills, SQL resources) are never skipped unless the journal records them done, and
     * one that a stopped run was inside continues at the statement it was sending: that statement runs again only
     * when running it twice does no harm ({@link #repeatable}) or when {@code rerunInterrupted} says it did not run.
     *
     * @param rendered each operation's statements, as {@link #render} gives them
     * @throws CheckFailedException when the database matches none of them (drift), or an interrupted statement may
     *                              or may not have run
     */
    public static Position locate(InfraMap live, MigrationInput in, List<List<String>> rendered, Journal.Run run,
                                  boolean compareTableComments, boolean rerunInterrupted) {
        MigrationPlan plan = in.plan();
        InfraMap local = in.localInfraMap();
        int n = plan.operations().size();
        if (Differences.between(local, live, compareTableComments).isEmpty()) {
            return new Position(Position.Kind.AT_TARGET, n);
        }
        int done = run.exists() && !run.completed() ? run.donePrefix(plan) : 0;
        Journal.OperationRecord next = run.exists() && !run.completed() ? run.operations().get(done) : null;
        int fromStatement = 0;
        if (next != null && (next.status().equals("started") || next.status().equals("failed")) && done < n
                && isInvisible(plan.operations().get(done)) && plan.matchesRecorded(done, next.operationChecksum())) {
            Operation op = plan.operations().get(done);
            List<String> statements = rendered.get(done);
            int s = Math.min(next.statementsDone(), statements.size() - 1);
            // "failed": the server refused statement s, so it starts there; "started": it was being sent when the run stopped
            if (next.status().equals("started") && !rerunInterrupted && !repeatable(statements.get(s))) {
                List<String> details = new ArrayList<>();
                for (int i = 0; i < statements.size(); i++) {
                    details.add("statement " + (i + 1) + (i < s ? " (ran)" : i == s ? " (may have run)" : " (not run)") + ": "
                            + statements.get(i));
                }
                throw new CheckFailedException(CheckFailedException.Check.INTERRUPTED_OPERATION,
                        "Operation " + (done + 1) + " (" + op.name() + ": " + op.describe() + ") was interrupted: a run stopped while "
                                + "sending its statement " + (s + 1) + " of " + statements.size() + ", whose effect cannot be seen in "
                                + "the schema, so whether it ran is unknown.", details,
                        "Check whether statement " + (s + 1) + " ran. If it did not, run migrate with " + Fix.RERUN_INTERRUPTED + ": "
                                + "it continues with that statement (the ones before it are not run again). If it did, remove "
                                + "statements 1 to " + (s + 1) + " from the operation in the plan and run migrate again.");
            }
            fromStatement = s;
        }
        if (done == 0 && Differences.between(in.remoteState(), live, compareTableComments).isEmpty()) {
            return new Position(fromStatement == 0 ? Position.Kind.AT_START : Position.Kind.RESUME, 0, fromStatement, List.of());
        }
        int limit = done;
        while (limit < n && !isInvisible(plan.operations().get(limit))) {
            limit++;
        }
        // The state after each operation from 'done' to 'limit', computed once each; the last one matching wins.
        InfraMap state = plan.simulate(in.remoteState(), done);
        int match = -1;
        for (int j = done; j <= Math.min(limit, n); j++) {
            if (j > done) {
                state = plan.operations().get(j - 1).apply(state);
            }
            if (Differences.between(state, live, compareTableComments).isEmpty()) {
                match = j;
            }
        }
        if (match >= 0) {
            // the interrupted operation continues where it stopped only when the database is just before it
            int statement = match == done ? fromStatement : 0;
            return new Position(match == 0 && statement == 0 ? Position.Kind.AT_START : Position.Kind.RESUME, match, statement, List.of());
        }
        if (done > 0 || (run.exists() && !run.completed() && run.operations().containsKey(done))) {
            Journal.OperationRecord r = run.operations().get(done);
            List<String> details = new ArrayList<>(Differences.between(plan.simulate(in.remoteState(), done), live, compareTableComments));
            String what = r != null && r.statementsDone() > 0
                    ? "operation " + (done + 1) + " (" + r.name() + ") stopped after " + r.statementsDone() + " of its statements"
                    + (r.error().isEmpty() ? "" : ": " + r.error())
                    : "a previous run stopped after operation " + done;
            throw new CheckFailedException(CheckFailedException.Check.INTERRUPTED_OPERATION,
                    "The database is not in a state the plan passes through: " + what + ", and the database differs from the "
                            + "state after operation " + done + ":", details,
                    "Bring the database to the state before or after that operation by hand (its SQL: " + Fix.DRY_RUN
                            + "), then run migrate again; or regenerate the plan.");
        }
        throw new CheckFailedException(CheckFailedException.Check.REMOTE_DRIFT,
                "The database changed since the plan was generated: it matches neither " + in.remoteStateName() + " (before the "
                        + "plan) nor " + in.localInfraMapName() + " (after it). Differences from " + in.remoteStateName() + ":",
                Differences.between(in.remoteState(), live, compareTableComments),
                "Someone changed the schema meanwhile, or the plan is stale: regenerate it with " + Fix.GENERATE_AGAINST_DATABASE + ", "
                        + "review it, and run migrate again.");
    }

    /**
     * Objects the project leaves alone are never drift, except those whose definition names a managed table (an MV
     * reading it, a view over it): one of those added, removed or changed since the plan was generated matters to
     * what the plan does, so it is drift.
     *
     * @throws CheckFailedException naming each such object and what happened to it
     */
    public static void checkUnmanagedDependents(RemoteSchema live, MigrationInput in) {
        java.util.SortedMap<String, String> then = RemoteSchema.mattering(in.unmanaged());
        java.util.SortedMap<String, String> now = RemoteSchema.mattering(live.unmanaged(in.localInfraMap()));
        List<String> details = new ArrayList<>();
        now.forEach((k, v) -> {
            if (!then.containsKey(k)) {
                details.add(k + " appeared and " + v);
            } else if (!then.get(k).equals(v)) {
                details.add(k + " changed: it " + then.get(k) + " and now " + v);
            }
        });
        then.forEach((k, v) -> {
            if (!now.containsKey(k)) {
                details.add(k + " is gone; it " + v);
            }
        });
        if (!details.isEmpty()) {
            throw new CheckFailedException(CheckFailedException.Check.REMOTE_DRIFT,
                    "The database changed since the plan was generated: objects this project does not manage, but whose "
                            + "definition names a table it manages, differ from " + in.remoteStateName() + ":", details,
                    "Someone changed the schema meanwhile: regenerate the plan with " + Fix.GENERATE_AGAINST_DATABASE + ", "
                            + "review what it does to those tables, and run migrate again.");
        }
    }

    /**
     * Statements that leave the database the same whether they run once or twice: those re-sent without asking when
     * a run stopped while sending them.
     */
    static boolean repeatable(String statement) {
        String s = statement.strip().toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        return s.startsWith("TRUNCATE ") || s.startsWith("OPTIMIZE TABLE ") || s.matches("CREATE (DATABASE|TABLE|VIEW|MATERIALIZED VIEW|DICTIONARY|FUNCTION) IF NOT EXISTS .*")
                || s.matches("DROP (DATABASE|TABLE|VIEW|DICTIONARY|FUNCTION) IF EXISTS .*")
                || s.matches("ALTER TABLE .* MATERIALIZE (INDEX|PROJECTION) .*");
    }

    /** Operations introspection cannot see the effect of: run and recorded one at a time. */
    public static boolean isInvisible(Operation op) {
        return op.execution().resume() == Resume.JOURNAL;
    }
}
