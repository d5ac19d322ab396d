package dev.moose.core;

/**
 * What a user can do about a problem, named in core's messages by what it is; the caller shows it in its own terms.
 * An application calling the Java API reads method names ({@link #JAVA}); the Maven plugin installs its own
 * rendering ({@code -Dmoose.*} properties and {@code mvn moose:*} goals) with {@link #use}. A message concatenates
 * the fix ({@code "regenerate it with " + Fix.GENERATE}): {@link #toString()} gives the current rendering.
 */
public enum Fix {
    /** Make a new plan from the code. */
    GENERATE,
    /** Make a new plan from the code and the database it is for. */
    GENERATE_AGAINST_DATABASE,
    /** Apply the plan. */
    MIGRATE,
    /** Run every check and print the statements, executing nothing. */
    DRY_RUN,
    /** Send again the statement a stopped run was sending. */
    RERUN_INTERRUPTED,
    /** Run a plan that simulation cannot show to reach the code. */
    SKIP_PLAN_VALIDATION,
    /** The server to connect to. */
    URL,
    /** The credentials of the connection. */
    CREDENTIALS,
    /** The ClickHouse release the Java types are mapped for. */
    CLICKHOUSE_VERSION,
    /** The packages scanned for annotated classes. */
    PACKAGES,
    /** How long to wait for one operation's mutations. */
    MUTATION_TIMEOUT,
    /** How long to wait for another run's lock. */
    LOCK_TIMEOUT,
    /** The cluster the project's objects and its migration bookkeeping live on. */
    CLUSTER;

    /** Shows a fix in the terms of whoever called core. */
    @FunctionalInterface
    public interface Rendering {
        String show(Fix fix);
    }

    /** The Java API's terms. */
    public static final Rendering JAVA = fix -> switch (fix) {
        case GENERATE -> "Generator.run(…)";
        case GENERATE_AGAINST_DATABASE -> "Generator.run(…) against the database to migrate";
        case MIGRATE -> "Migrator.migrate(…)";
        case DRY_RUN -> "Migrator.migrate(…) with Options.builder().dryRun(true)";
        case RERUN_INTERRUPTED -> "Options.builder().rerunInterrupted(true)";
        case SKIP_PLAN_VALIDATION -> "Options.builder().skipPlanValidation(true)";
        case URL -> "the connection settings (ConnectionSettings.parse)";
        case CREDENTIALS -> "the user and password of the ConnectionSettings";
        case CLICKHOUSE_VERSION -> "ScanRequest.clickhouseVersion";
        case PACKAGES -> "ScanRequest.packages";
        case MUTATION_TIMEOUT -> "Options.builder().mutationTimeout";
        case LOCK_TIMEOUT -> "Options.builder().lockTimeout";
        case CLUSTER -> "Options.builder().cluster (ScanRequest.cluster for generate)";
    };

    private static volatile Rendering rendering = JAVA;

    /** Installs the terms messages use from now on, in this class loader (the Maven plugin's realm has its own). */
    public static void use(Rendering terms) {
        rendering = terms;
    }

    @Override
    public String toString() {
        return rendering.show(this);
    }
}
