package dev.moose.maven;

import dev.moose.core.api.MigrationInput;
import dev.moose.core.api.Migrator;
import dev.moose.core.model.InfraMap;
import dev.moose.core.report.Report;
import java.time.Duration;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies {@code migrations/plan.yaml}: checks that the code has not changed since the plan was made, that the plan
 * leads from {@code remote_state.json} to {@code local_infra_map.json}, that the server can run every operation and
 * that the database is still as the plan expects; then runs the operations in order under a lock, resuming where a
 * previous run stopped.
 *
 * <pre>mvn moose:migrate -Dmoose.url=clickhouse://user:password@host:8123/analytics</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "migrate", configurator = "moose", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class MigrateMojo extends AbstractMooseMojo {

    /** Runs every check and prints every statement; executes nothing. Also settable with {@code -Dmoose.dryRun}. */
    @Parameter(property = "moose.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Seconds to wait while another migration holds the lock. Also settable with {@code -Dmoose.lockTimeout}. */
    @Parameter(property = "moose.lockTimeout", defaultValue = "300")
    private int lockTimeout;

    /** Seconds to wait for one operation's mutations. Also settable with {@code -Dmoose.mutationTimeout}. */
    @Parameter(property = "moose.mutationTimeout", defaultValue = "3600")
    private int mutationTimeout;

    /**
     * Seconds an {@code ON CLUSTER} statement waits for every host of the cluster (ClickHouse's
     * {@code distributed_ddl_task_timeout}). Also settable with {@code -Dmoose.clusterDdlTimeout}.
     */
    @Parameter(property = "moose.clusterDdlTimeout", defaultValue = "180")
    private int clusterDdlTimeout;

    /**
     * Runs a plan even when simulation cannot show it reaches the code's state (its RawSql does the work). Also
     * settable with {@code -Dmoose.skipPlanValidation}.
     */
    @Parameter(property = "moose.skipPlanValidation", defaultValue = "false")
    private boolean skipPlanValidation;

    /**
     * Runs again an operation whose effect cannot be checked (RawSql, a backfill) that a stopped run started but did
     * not record as finished; only when you checked it did not run. Also settable with {@code -Dmoose.rerunInterrupted}.
     */
    @Parameter(property = "moose.rerunInterrupted", defaultValue = "false")
    private boolean rerunInterrupted;

    /** Skips this goal. Also settable with {@code -Dmoose.migrate.skip}. */
    @Parameter(property = "moose.migrate.skip", defaultValue = "false")
    private boolean migrateSkip;

    @Override
    protected String goal() {
        return "migrate";
    }

    @Override
    protected boolean goalSkipped() {
        return migrateSkip;
    }

    @Override
    protected boolean embeddedOnlyWhenAsked() {
        return true;
    }

    @Override
    protected void run() {
        MigrationInput in = MigrationInput.load(files());
        report.plan(in.plan());
        try (Target target = connect()) {
            InfraMap code = scanCode(typesFor(in, target.connection().version()));
            Migrator.Options options = Migrator.Options.builder().dryRun(dryRun).listener(new Migrator.Listener() {
                        @Override
                        public void afterOperation(int index, int statements, long millis) {
                            report.operationApplied(index, statements, millis);
                        }

                        @Override
                        public void mutationsAwaited(int index, java.util.List<String> mutations) {
                            report.mutationsAwaited(index, mutations);
                        }
                    })
                    .lockTimeout(Duration.ofSeconds(lockTimeout)).mutationTimeout(Duration.ofSeconds(mutationTimeout))
                    .skipPlanValidation(skipPlanValidation).rerunInterrupted(rerunInterrupted)
                    .cluster(cluster).clusterDdlTimeout(Duration.ofSeconds(clusterDdlTimeout)).build();
            Migrator.Result r = Migrator.migrate(target.connection(), in, code, options, log());
            report.appliedBefore(r.outcome() == Migrator.Outcome.ALREADY_AT_TARGET ? in.plan().operations().size() : r.from());
            report.remaining(r.remainingDifferences());
            report.finished(switch (r.outcome()) {
                case APPLIED -> Report.Status.APPLIED;
                case RESUMED -> Report.Status.RESUMED;
                case ALREADY_AT_TARGET -> Report.Status.ALREADY_AT_TARGET;
                case DRY_RUN -> Report.Status.DRY_RUN;
            });
            switch (r.outcome()) {
                case APPLIED -> getLog().info("Migrated: " + r.executed() + " operations applied.");
                case RESUMED -> getLog().info("Migrated: resumed at operation " + (r.from() + 1)
                        + (r.fromStatement() > 0 ? " (its statement " + (r.fromStatement() + 1) + ")" : "") + ", " + r.executed() + " operations applied.");
                case ALREADY_AT_TARGET -> getLog().info("Nothing to do: the database already matches the code.");
                case DRY_RUN -> getLog().info("Dry run: " + r.statements().size() + " statements would run.");
            }
            if (target.embedded() != null && r.outcome() != Migrator.Outcome.DRY_RUN) {
                describeTables(target);
            }
        }
    }

    /** On the embedded server (the quick start), show what the database now holds. */
    private void describeTables(Target target) {
        var c = target.connection();
        getLog().info("Tables in " + c.database() + ":");
        c.query("SELECT name, engine FROM system.tables WHERE database = currentDatabase() AND name NOT LIKE '\\_moose%' "
                + "AND name NOT LIKE '.inner%' ORDER BY name", rs -> rs.getString(1) + " (" + rs.getString(2) + ")")
                .forEach(t -> getLog().info("  " + t));
    }
}
