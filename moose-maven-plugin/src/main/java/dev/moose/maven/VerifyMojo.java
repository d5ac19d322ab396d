package dev.moose.maven;

import dev.moose.core.MooseException;
import dev.moose.core.api.CheckFailedException;
import dev.moose.core.api.MigrationInput;
import dev.moose.core.api.Verifier;
import dev.moose.core.model.InfraMap;
import dev.moose.core.report.JUnitReport;
import dev.moose.core.report.Report;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.version.ServerVersion;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails the build when the migration plan is stale or the database drifted. Offline: the code has not changed since
 * the plan was generated and the plan leads from {@code remote_state.json} to {@code local_infra_map.json}. With
 * {@code moose.url}: the database is also where the plan expects it (before the plan, after it, or where a stopped
 * run left it). Runs in the {@code verify} phase.
 *
 * @since 0.1.0
 */
@Mojo(name = "verify", configurator = "moose", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class VerifyMojo extends AbstractMooseMojo {

    /** Accepts a plan simulation cannot check to reach the code (RawSql doing the work). Also {@code -Dmoose.skipPlanValidation}. */
    @Parameter(property = "moose.skipPlanValidation", defaultValue = "false")
    private boolean skipPlanValidation;

    /** Fails when the plan holds a destructive operation (for pull-request checks). Also {@code -Dmoose.failOnDestructive}. */
    @Parameter(property = "moose.failOnDestructive", defaultValue = "false")
    private boolean failOnDestructive;

    /**
     * Where verify writes its checks as JUnit XML, for CI servers' test views; default
     * {@code target/moose/TEST-moose-verify.xml}. Also settable with {@code -Dmoose.junitReport}.
     */
    @Parameter(property = "moose.junitReport")
    private File junitReport;

    /** The checks verify makes, in order; a failed one stops the ones after it. */
    private static final List<String> CHECKS = List.of("the migration files can be read", "the code matches local_infra_map.json",
            "the plan leads from remote_state.json to local_infra_map.json", "the database is where the plan expects",
            "the plan holds no destructive operation");

    /** Skips this goal. Also settable with {@code -Dmoose.verify.skip}. */
    @Parameter(property = "moose.verify.skip", defaultValue = "false")
    private boolean verifySkip;

    @Override
    protected String goal() {
        return "verify";
    }

    @Override
    protected boolean goalSkipped() {
        return verifySkip;
    }

    @Override
    protected void run() {
        try {
            verify();
            record(CHECKS.size(), null);
            report.finished(Report.Status.VERIFIED);
        } catch (CheckFailedException e) {
            int failed = switch (e.check()) {
                case FILES -> 0;
                case CODE_DRIFT -> 1;
                case PLAN_VALIDATION -> 2;
                case CAPABILITIES, REMOTE_DRIFT, HOST_DRIFT, INTERRUPTED_OPERATION -> 3;
                case DESTRUCTIVE -> 4;
            };
            record(failed, e);
            throw e;
        } catch (MooseException e) {
            record(0, e);
            throw e;
        }
    }

    /** The checks before {@code failed} passed, that one failed with the failure's details, the ones after did not run. */
    private void record(int failed, RuntimeException failure) {
        for (int i = 0; i < CHECKS.size(); i++) {
            boolean ran = (i != 3 || hasUrl()) && (i != 4 || failOnDestructive);
            String result = i < failed ? (ran ? "passed" : "not_run") : i == failed ? "failed" : "not_run";
            List<String> details = i == failed && failure != null ? (failure instanceof CheckFailedException c && !c.details().isEmpty()
                    ? c.details() : List.of(String.valueOf(failure.getMessage()))) : List.of();
            report.check(CHECKS.get(i), result, details);
        }
    }

    @Override
    protected void writeReports(Report finished) {
        super.writeReports(finished);
        java.nio.file.Path junit = junitReport != null ? junitReport.toPath()
                : java.nio.file.Path.of(project.getBuild().getDirectory(), "moose", "TEST-moose-verify.xml");
        try {
            JUnitReport.write(junit, finished);
        } catch (RuntimeException e) {
            getLog().warn("Could not write the JUnit report " + junit + ": " + e.getMessage());
        }
    }

    private void verify() {
        if (!files().exist()) {
            InfraMap code = scanCode(explicitVersion() != null ? explicitVersion() : ServerVersion.CURRENT_LTS);
            if (code.isEmpty()) {
                getLog().info("No migrations directory and no declared tables: nothing to verify.");
                return;
            }
            throw new CheckFailedException(CheckFailedException.Check.FILES, "The project declares " + code.summary()
                    + " but has no migrations in " + files().directory() + ".", List.of(),
                    "Create the plan with: mvn moose:generate -Dmoose.url=<the database to migrate>");
        }
        MigrationInput in = MigrationInput.load(files());
        report.plan(in.plan());
        if (!hasUrl()) {
            InfraMap code = scanCode(typesFor(in, ServerVersion.CURRENT_LTS));
            Verifier.Result r = Verifier.verify(in, code, null, skipPlanValidation, log());
            getLog().info("Plan verified: the code matches " + files().localInfraMap().getFileName() + " and the plan's "
                    + in.plan().operations().size() + " operations lead from " + files().remoteState().getFileName() + " to it"
                    + unchecked(r) + ". Set moose.url to check the database too.");
            refuseDestructive(in);
            return;
        }
        try (ClickHouseConnection c = ClickHouseConnection.open(connectionSettings())) {
            report.target(c.settings().displayUrl(), c.version().toString());
            InfraMap code = scanCode(typesFor(in, c.version()));
            Verifier.Result r = Verifier.verify(in, code, c, skipPlanValidation, log());
            String where = switch (r.status()) {
                case PLAN_NOT_APPLIED -> "the database is as the plan expects; run mvn moose:migrate to apply it";
                case PLAN_APPLIED -> "the plan is applied";
                case PLAN_PART_APPLIED -> r.appliedOperations() + " of " + in.plan().operations().size() + " operations are applied";
                case NOT_CHECKED -> "";
            };
            getLog().info("Plan verified against " + c.settings().displayUrl() + ": " + where + unchecked(r) + ".");
            refuseDestructive(in);
        }
    }

    private void refuseDestructive(MigrationInput in) {
        if (failOnDestructive) {
            GenerateMojo.refuseDestructive(in.plan());
        }
    }

    private static String unchecked(Verifier.Result r) {
        return r.unchecked().isEmpty() ? "" : " (" + r.unchecked().size() + " RawSql operations run unchecked)";
    }
}
