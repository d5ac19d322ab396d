package dev.moose.maven;

import dev.moose.core.MooseException;
import dev.moose.core.api.Generator;
import dev.moose.core.api.MigrationFiles;
import dev.moose.core.plan.Operation;
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

    @Override
    protected void run() {
        try (Target target = connect()) {
            Generator.Result r = Generator.run(target.connection(), this::scanRequest, explicitVersion(), files(), !dryRun, log());
            report(r);
            if (!r.unsupported().isEmpty()) {
                throw new MooseException("The plan cannot run on ClickHouse " + r.serverVersion() + ":\n  - "
                        + String.join("\n  - ", r.unsupported())
                        + "\nChange the code, or edit " + files().plan() + " (for example replace the operation with RawSql).");
            }
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
