package dev.moose.maven;

import dev.moose.core.api.CheckFailedException;
import dev.moose.core.api.Generator;
import dev.moose.core.api.MigrationFiles;
import dev.moose.core.plan.Operation;
import dev.moose.core.report.Report;
import java.util.List;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Reads the live database, diffs it against the annotated classes and writes {@code migrations/plan.yaml} (the
 * operations, in order, for review) with the two snapshots {@code remote_state.json} (the database as it was) and
 * {@code local_infra_map.json} (the code as it was).
 *
 * <pre>mvn moose:generate -Dmoose.url=clickhouse://user:password@host:8123/analytics</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", configurator = "moose", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class GenerateMojo extends AbstractMooseMojo {

    /** Prints the plan and writes nothing. Also settable with {@code -Dmoose.dryRun}. */
    @Parameter(property = "moose.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Skips this goal. Also settable with {@code -Dmoose.generate.skip}. */
    @Parameter(property = "moose.generate.skip", defaultValue = "false")
    private boolean generateSkip;

    @Override
    protected String goal() {
        return "generate";
    }

    @Override
    protected boolean goalSkipped() {
        return generateSkip;
    }

    /**
     * Fails the goal when the plan holds a destructive operation (one that can lose data), after writing it: for
     * pull-request checks. Also settable with {@code -Dmoose.failOnDestructive}.
     */
    @Parameter(property = "moose.failOnDestructive", defaultValue = "false")
    private boolean failOnDestructive;

    @Override
    protected void run() {
        try (Target target = connect()) {
            Generator.Result r = Generator.run(target.connection(), this::scanRequest, explicitVersion(), files(), !dryRun, log());
            report(r);
            report.plan(r.plan());
            report.unmanaged(r.unmanaged());
            if (r.written()) {
                for (java.nio.file.Path f : List.of(files().plan(), files().remoteState(), files().localInfraMap())) {
                    report.file(project.getBasedir().toPath().relativize(f.toAbsolutePath()).toString());
                }
            }
            report.finished(dryRun ? Report.Status.DRY_RUN : r.plan().isEmpty() ? Report.Status.UNCHANGED : Report.Status.GENERATED);
            if (!r.unsupported().isEmpty()) {
                throw new CheckFailedException(CheckFailedException.Check.CAPABILITIES, "The plan cannot run on ClickHouse "
                        + r.serverVersion() + ":", r.unsupported(),
                        "Change the code, or edit " + files().plan() + " (for example replace the operation with RawSql).");
            }
            if (failOnDestructive) {
                refuseDestructive(r.plan());
            }
        }
    }

    /** {@code moose.failOnDestructive}: a plan holding an operation that can lose data fails the goal, naming each. */
    static void refuseDestructive(dev.moose.core.plan.MigrationPlan plan) {
        List<String> destructive = new java.util.ArrayList<>();
        for (int i = 0; i < plan.operations().size(); i++) {
            Operation op = plan.operations().get(i);
            if (op.isDestructive()) {
                destructive.add("operation " + (i + 1) + " " + op.name() + ": " + op.destructiveReason());
            }
        }
        if (!destructive.isEmpty()) {
            throw new CheckFailedException(CheckFailedException.Check.DESTRUCTIVE, "The plan holds destructive operations, and "
                    + "moose.failOnDestructive is set:", destructive, "Review them: if they are meant, run without "
                    + "moose.failOnDestructive (or approve the change the way your pipeline asks).");
        }
    }

    private void report(Generator.Result r) {
        r.notes().forEach(n -> getLog().info(n));
        r.blocked().forEach(b -> getLog().warn("Blocked by its life cycle: " + b));
        if (!r.unmanaged().isEmpty()) {
            getLog().info("Not managed by this project, left alone: " + String.join(", ", r.unmanaged()));
        }
        if (r.plan().isEmpty() && r.localInfraMap().isEmpty()) {
            getLog().info("The project declares no tables, views or materialized views, and the database holds none this "
                    + "project manages: nothing to plan, no files written.");
            return;
        }
        if (r.plan().isEmpty()) {
            getLog().info("No changes: the database already matches the code.");
        } else {
            long destructive = r.plan().operations().stream().filter(Operation::isDestructive).count();
            getLog().info("Changes (" + r.plan().operations().size() + " operations" + (destructive > 0 ? ", " + destructive
                    + " destructive" : "") + "):");
            r.changeLog().forEach(l -> getLog().info("  " + l));
        }
        if (dryRun) {
            getLog().info("Dry run (moose.dryRun): nothing written. The plan would be:");
            r.plan().toYaml().lines().forEach(l -> getLog().info(l));
        } else {
            getLog().info("Wrote " + project.getBasedir().toPath().relativize(files().plan()) + " ("
                    + r.plan().operations().size() + " operations), " + MigrationFiles.REMOTE_STATE + " and " + MigrationFiles.LOCAL_INFRA_MAP);
        }
    }
}
