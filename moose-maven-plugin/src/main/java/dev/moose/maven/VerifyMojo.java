package dev.moose.maven;

import dev.moose.core.MooseException;
import dev.moose.core.api.MigrationInput;
import dev.moose.core.api.Verifier;
import dev.moose.core.model.InfraMap;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.version.ServerVersion;
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
        if (!files().exist()) {
            InfraMap code = scanCode(explicitVersion() != null ? explicitVersion() : ServerVersion.CURRENT_LTS);
            if (code.isEmpty()) {
                getLog().info("No migrations directory and no declared tables: nothing to verify.");
                return;
            }
            throw new MooseException("The project declares " + code.summary() + " but has no migrations in " + files().directory()
                    + ". Create the plan with: mvn moose:generate -Dmoose.url=<the database to migrate>");
        }
        MigrationInput in = MigrationInput.load(files());
        if (!hasUrl()) {
            InfraMap code = scanCode(typesFor(in, ServerVersion.CURRENT_LTS));
            Verifier.Result r = Verifier.verify(in, code, null, skipPlanValidation, log());
            getLog().info("Plan verified: the code matches " + files().localInfraMap().getFileName() + " and the plan's "
                    + in.plan().operations().size() + " operations lead from " + files().remoteState().getFileName() + " to it"
                    + unchecked(r) + ". Set moose.url to check the database too.");
            return;
        }
        try (ClickHouseConnection c = ClickHouseConnection.open(connectionSettings())) {
            InfraMap code = scanCode(typesFor(in, c.version()));
            Verifier.Result r = Verifier.verify(in, code, c, skipPlanValidation, log());
            String where = switch (r.status()) {
                case PLAN_NOT_APPLIED -> "the database is as the plan expects; run mvn moose:migrate to apply it";
                case PLAN_APPLIED -> "the plan is applied";
                case PLAN_PART_APPLIED -> r.appliedOperations() + " of " + in.plan().operations().size() + " operations are applied";
                case NOT_CHECKED -> "";
            };
            getLog().info("Plan verified against " + c.settings().displayUrl() + ": " + where + unchecked(r) + ".");
        }
    }

    private static String unchecked(Verifier.Result r) {
        return r.unchecked().isEmpty() ? "" : " (" + r.unchecked().size() + " RawSql operations run unchecked)";
    }
}
