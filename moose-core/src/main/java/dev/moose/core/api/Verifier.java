package dev.moose.core.api;

import dev.moose.core.Fix;
import dev.moose.core.MooseLog;
import dev.moose.core.internal.bookkeeping.Journal;
import dev.moose.core.internal.introspect.Introspector;
import dev.moose.core.model.InfraMap;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import dev.moose.core.version.ServerVersion;
import java.util.List;

/**
 * {@code verify}: the checks of {@code migrate} without running anything. Offline: the code has not changed since
 * the plan was generated and the plan leads from one snapshot to the other. With a connection: the live database
 * is at the plan's start, its end, or where the journal says a run stopped; anything else is drift.
 */
public final class Verifier {

    /** Where the database stands, when one was checked. */
    public enum Status {
        NOT_CHECKED, PLAN_NOT_APPLIED, PLAN_APPLIED, PLAN_PART_APPLIED
    }

    public record Result(Status status, int appliedOperations, List<String> unchecked) {
    }

    private Verifier() {
    }

    /**
     * @param codeNow    the code scanned now
     * @param connection the live database, or {@code null} for the offline checks only
     * @throws CheckFailedException naming the failing check, the differences and the fix
     */
    public static Result verify(MigrationInput in, InfraMap codeNow, ClickHouseConnection connection, boolean skipPlanValidation,
                                MooseLog log) {
        Preflight.codeUnchanged(codeNow, in);
        boolean planComments = in.generatedAgainst().map(v -> Capabilities.of(v).has(Feature.TABLE_COMMENT)).orElse(true);
        List<String> unchecked = skipPlanValidation ? List.of() : Preflight.validatePlan(in, planComments).unchecked();
        if (connection == null) {
            ServerVersion version = in.generatedAgainst().orElse(ServerVersion.CURRENT_LTS);
            try {
                Preflight.emptyOperations(in.plan(), Preflight.render(in.plan(), in.remoteState(), version)).forEach(log::warn);
            } catch (CheckFailedException notForThisVersion) {
                // offline, no server says what it runs; the online check reports it
            }
            return new Result(Status.NOT_CHECKED, 0, unchecked);
        }
        List<List<String>> rendered = Preflight.render(in.plan(), in.remoteState(),
                dev.moose.core.internal.execute.PlanStatements.context(connection, in.plan().operations()));
        Preflight.emptyOperations(in.plan(), rendered).forEach(log::warn);
        Journal.Run run = new Journal(connection).lastRun();
        dev.moose.core.internal.introspect.RemoteSchema remote = Introspector.introspect(connection, in.databases());
        Preflight.checkUnmanagedDependents(remote, in);
        Preflight.refuseDisagreeingHosts(connection, in.localInfraMap(), remote);
        InfraMap live = remote.relevantTo(in.localInfraMap());
        Preflight.Position p = Preflight.locate(live, in, rendered, run, Capabilities.of(connection.version()).has(Feature.TABLE_COMMENT), false);
        return switch (p.kind()) {
            case AT_START -> new Result(in.plan().isEmpty() ? Status.PLAN_APPLIED : Status.PLAN_NOT_APPLIED, 0, unchecked);
            case AT_TARGET -> new Result(Status.PLAN_APPLIED, in.plan().operations().size(), unchecked);
            case RESUME -> {
                log.warn("A migration stopped part-way: operations 1 to " + p.from() + " of " + in.plan().operations().size()
                        + " are applied. Run " + Fix.MIGRATE + " to finish it.");
                yield new Result(Status.PLAN_PART_APPLIED, p.from(), unchecked);
            }
        };
    }
}
