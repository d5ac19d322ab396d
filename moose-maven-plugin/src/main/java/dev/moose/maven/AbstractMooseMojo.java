package dev.moose.maven;

import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.api.MigrationFiles;
import dev.moose.core.report.Report;
import dev.moose.core.scan.ScanRequest;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ConnectionSettings;
import dev.moose.core.server.LocalClickHouse;
import dev.moose.core.server.Secret;
import dev.moose.core.version.ServerVersion;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What every goal shares: the connection parameters, the migrations directory, the classes to scan, the skip
 * flags, and one place where failures become Maven exceptions ({@link MojoFailureException} for what the user
 * can fix, {@link MojoExecutionException} for the rest).
 */
public abstract class AbstractMooseMojo extends AbstractMojo {

    static {
        // core names a fix by what it is; a Maven user reads it as a goal or a -Dmoose.* property
        Fix.use(AbstractMooseMojo::inMavenTerms);
    }

    /** How a fix core suggests is done from Maven. */
    static String inMavenTerms(Fix fix) {
        return switch (fix) {
            case GENERATE -> "mvn moose:generate";
            case GENERATE_AGAINST_DATABASE -> "mvn moose:generate -Dmoose.url=…";
            case MIGRATE -> "mvn moose:migrate";
            case DRY_RUN -> "mvn moose:migrate -Dmoose.dryRun=true";
            case RERUN_INTERRUPTED -> "-Dmoose.rerunInterrupted=true";
            case SKIP_PLAN_VALIDATION -> "-Dmoose.skipPlanValidation=true";
            case URL -> "moose.url";
            case CREDENTIALS -> "moose.user and moose.password, or the <server> entry named by moose.serverId in settings.xml";
            case CLICKHOUSE_VERSION -> "moose.clickhouseVersion";
            case PACKAGES -> "moose.packages";
            case MUTATION_TIMEOUT -> "moose.mutationTimeout";
            case LOCK_TIMEOUT -> "moose.lockTimeout";
            case CLUSTER -> "moose.cluster";
        };
    }

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /**
     * The ClickHouse server: {@code jdbc:clickhouse://host:8123/db}, {@code clickhouse://user:password@host:8123/db} or
     * {@code http(s)://host:port/db}. Without it, goals that need a server use the embedded one (a local ClickHouse
     * whose data lives under {@code target/moose/clickhouse}). Also settable with {@code -Dmoose.url}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "moose.url")
    protected MaskedParameter.Url url;

    /** The user, instead of the one in the URL. Also settable with {@code -Dmoose.user}. */
    @Parameter(property = "moose.user")
    protected String user;

    /** The password, instead of the one in the URL; never logged. Also settable with {@code -Dmoose.password}. */
    @Parameter(property = "moose.password")
    protected MaskedParameter.Password password;

    /**
     * The id of a {@code <server>} in settings.xml whose username and password (encrypted or not) are used; it cannot
     * be combined with {@code moose.user}/{@code moose.password}. Also settable with {@code -Dmoose.serverId}.
     */
    @Parameter(property = "moose.serverId")
    protected String serverId;

    /** The database, instead of the one in the URL. Also settable with {@code -Dmoose.database}. */
    @Parameter(property = "moose.database")
    protected String database;

    /** Where plan.yaml, remote_state.json and local_infra_map.json live. Also settable with {@code -Dmoose.migrationsDir}. */
    @Parameter(property = "moose.migrationsDir", defaultValue = "${project.basedir}/migrations")
    protected File migrationsDir;

    /** Packages to look for annotated classes in (comma-separated); default: all. Also settable with {@code -Dmoose.packages}. */
    @Parameter(property = "moose.packages")
    protected List<String> packages;

    /**
     * The cluster the project's objects live on: tables that name none in {@code @OlapTable(cluster)}, views,
     * materialized views and databases are created {@code ON CLUSTER} it, and the migration bookkeeping is kept
     * cluster-wide. Not needed on ClickHouse Cloud.
     */
    @Parameter(property = "moose.cluster")
    protected String cluster;

    /**
     * The ClickHouse release Java types are mapped for (e.g. {@code 18.16} maps {@code boolean} to {@code UInt8});
     * default: the connected server's version, or the one recorded in {@code local_infra_map.json} when no server is
     * used. Also settable with {@code -Dmoose.clickhouseVersion}.
     */
    @Parameter(property = "moose.clickhouseVersion")
    protected String clickhouseVersion;

    /**
     * Uses the embedded ClickHouse (data under {@code target/moose/clickhouse}) when no {@code moose.url} is given. It
     * is the default for {@code generate} and {@code dev} on a developer's machine; {@code migrate} needs it said (a
     * release pipeline whose URL variable is empty must not report a migration of a throw-away server), and with the
     * environment variable {@code CI} set, every goal does. Also settable with {@code -Dmoose.embedded}.
     */
    @Parameter(property = "moose.embedded", defaultValue = "false")
    protected boolean embedded;

    /**
     * Where the goal writes its report, JSON for machines (format 1, schema on the site); default
     * {@code target/moose/<goal>-report.json}. Also settable with {@code -Dmoose.report}.
     */
    @Parameter(property = "moose.report")
    protected File reportFile;

    /** Prints the JSON report to standard output too, after the build's own output of the goal. Also {@code -Dmoose.reportToStdout}. */
    @Parameter(property = "moose.reportToStdout", defaultValue = "false")
    protected boolean reportToStdout;

    /** What this run of the goal did, written at its end whatever the outcome. */
    protected Report report;

    /** Skips every moose goal. Also settable with {@code -Dmoose.skip}. */
    @Parameter(property = "moose.skip", defaultValue = "false")
    protected boolean skip;

    /** This plugin as Maven resolved it: its version and the jar it was loaded from. */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    @Inject
    private SettingsDecrypter settingsDecrypter;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        // which build of the plugin runs: the integration tests check it is the one the reactor just built
        getLog().debug("moose-maven-plugin " + plugin.getVersion() + " loaded from " + pluginJar());
        if ("pom".equals(project.getPackaging())) {
            // an aggregator or parent has no classes of its own; its modules are planned one by one
            getLog().info("Skipping moose:" + goal() + " for " + project.getArtifactId() + ": a pom-packaging project has no classes");
            return;
        }
        report = new Report(goal(), secretsRedactor());
        if (skip || goalSkipped()) {
            getLog().info("Skipping moose:" + goal() + " because moose." + (skip ? "skip" : goal() + ".skip") + " is true");
            writeReports(report.finished(Report.Status.SKIPPED));
            return;
        }
        try {
            run();
        } catch (MooseException e) {
            writeReports(report.failed(e));
            if (e.isUserFixable()) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            writeReports(report.failed(e));
            throw new MojoExecutionException("moose:" + goal() + " failed: " + e, e);
        }
        writeReports(report);
    }

    /** The report file: {@code moose.report}, or {@code target/moose/<goal>-report.json}. */
    protected Path reportPath() {
        return reportFile != null ? reportFile.toPath()
                : Path.of(project.getBuild().getDirectory(), "moose", goal() + "-report.json");
    }

    /** Writes the report (and what a goal adds to it); a report that cannot be written is said, never hides the outcome. */
    protected void writeReports(Report finished) {
        try {
            finished.write(reportPath());
            getLog().debug("Wrote the report " + reportPath());
            if (reportToStdout) {
                System.out.print(finished.toJson());
                System.out.flush();
            }
        } catch (RuntimeException e) {
            getLog().warn("Could not write the report " + reportPath() + ": " + e.getMessage());
        }
    }

    /**
     * Masks the connection's password in any text, whichever way it was given (URL, moose.password, settings.xml):
     * the secrets are resolved once, for the whole run.
     */
    private java.util.function.UnaryOperator<String> secretsRedactor() {
        List<Secret> secrets = new ArrayList<>();
        if (password != null && !password.isEmpty()) {
            secrets.add(Secret.of(password.reveal()));
        }
        try {
            secrets.add(hasUrl() ? connectionSettings().password()
                    : withOverrides(ConnectionSettings.parse("http://127.0.0.1:8123/default")).password());
        } catch (RuntimeException unresolvable) {
            // conflicting or missing credentials: the goal fails on that itself, and no other secret is known
        }
        dev.moose.core.server.Redactor redactor = dev.moose.core.server.Redactor.of(secrets);
        return text -> dev.moose.core.server.Redactor.redactUrl(redactor.redact(text));
    }

    private String pluginJar() {
        File jar = plugin.getPluginArtifact() == null ? null : plugin.getPluginArtifact().getFile();
        return jar == null ? "(unknown)" : jar.getAbsolutePath();
    }

    /** The goal's name, for messages. */
    protected abstract String goal();

    /** The goal's own skip flag ({@code moose.<goal>.skip}). */
    protected abstract boolean goalSkipped();

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    protected MooseLog log() {
        return new MavenMooseLog(getLog());
    }

    protected MigrationFiles files() {
        return new MigrationFiles(migrationsDir.toPath());
    }

    /** {@code moose.clickhouseVersion}, or {@code null} when not set. */
    protected ServerVersion explicitVersion() {
        return clickhouseVersion == null || clickhouseVersion.isBlank() ? null : ServerVersion.parse(clickhouseVersion);
    }

    /** The project's compiled classes to scan, its compile dependencies to resolve types they refer to. */
    protected ScanRequest scanRequest(ServerVersion typesFor) {
        Path classes = classesDirectory();
        List<Path> dependencies = new ArrayList<>(compileClasspath());
        dependencies.remove(classes);
        List<Path> dirs = Files.isDirectory(classes) ? List.of(classes) : List.of();
        return new ScanRequest(dirs, dependencies, packages == null ? List.of() : packages, typesFor, cluster);
    }

    /** Where the project's classes are compiled to. */
    protected Path classesDirectory() {
        return Path.of(project.getBuild().getOutputDirectory());
    }

    /** The project's compile classpath: its classes directory, then its dependencies (reactor modules as directories). */
    protected List<Path> compileClasspath() {
        try {
            return project.getCompileClasspathElements().stream().map(Path::of).toList();
        } catch (DependencyResolutionRequiredException e) {
            throw MooseException.internal("The project's dependencies are not resolved", e);
        }
    }

    /**
     * The release to map Java types for: {@code moose.clickhouseVersion}, else the one {@code local_infra_map.json}
     * records (so the code is scanned as it was when the plan was made), else {@code fallback}.
     */
    protected ServerVersion typesFor(dev.moose.core.api.MigrationInput in, ServerVersion fallback) {
        ServerVersion explicit = explicitVersion();
        if (explicit != null) {
            return explicit;
        }
        return in.typesMappedFor().orElse(fallback);
    }

    /** The project's annotated classes, scanned now. */
    protected dev.moose.core.model.InfraMap scanCode(ServerVersion typesFor) {
        dev.moose.core.scan.ScanResult r = dev.moose.core.scan.SchemaScanner.scan(scanRequest(typesFor));
        r.warnings().forEach(w -> getLog().warn(w));
        return r.infraMap();
    }

    /** True when a server URL is configured. */
    protected boolean hasUrl() {
        return url != null && !url.isBlank();
    }

    /**
     * The connection settings from {@code moose.url} and the parameters that override it.
     *
     * @throws MooseException for conflicting or missing credentials
     */
    protected ConnectionSettings connectionSettings() {
        ConnectionSettings s = ConnectionSettings.parse(url.reveal());
        return withOverrides(s);
    }

    private ConnectionSettings withOverrides(ConnectionSettings base) {
        ConnectionSettings s = base;
        boolean explicitCredentials = (user != null && !user.isBlank()) || (password != null && !password.isEmpty());
        if (serverId != null && !serverId.isBlank()) {
            if (explicitCredentials) {
                throw new MooseException("moose.serverId and moose.user/moose.password are both set: use one or the other "
                        + "(moose.serverId reads the <server> '" + serverId + "' in settings.xml)");
            }
            Server server = session.getSettings().getServer(serverId);
            if (server == null) {
                throw new MooseException("moose.serverId is '" + serverId + "' but settings.xml has no <server> with that id; "
                        + "add one with <username> and <password>");
            }
            server = decrypt(server);
            if (server.getUsername() != null) {
                s = s.withUser(server.getUsername());
            }
            s = s.withPassword(Secret.of(server.getPassword()));
        } else {
            if (user != null && !user.isBlank()) {
                s = s.withUser(user);
            }
            if (password != null && !password.isEmpty()) {
                s = s.withPassword(Secret.of(password.reveal()));
            }
        }
        if (database != null && !database.isBlank()) {
            s = s.withDatabase(database);
        }
        return s;
    }

    private Server decrypt(Server server) {
        if (settingsDecrypter == null) {
            return server;
        }
        SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem p : result.getProblems()) {
            if (p.getSeverity() == SettingsProblem.Severity.ERROR || p.getSeverity() == SettingsProblem.Severity.FATAL) {
                throw new MooseException("Cannot decrypt the password of <server> '" + serverId + "' in settings.xml: " + p.getMessage());
            }
        }
        return result.getServer();
    }

    /** A connection, and the embedded server behind it when there is one; closing stops both. */
    protected final class Target implements AutoCloseable {
        private final ClickHouseConnection connection;
        private final LocalClickHouse embedded;

        private Target(ClickHouseConnection connection, LocalClickHouse embedded) {
            this.connection = connection;
            this.embedded = embedded;
        }

        public ClickHouseConnection connection() {
            return connection;
        }

        public LocalClickHouse embedded() {
            return embedded;
        }

        @Override
        public void close() {
            try {
                connection.close();
            } finally {
                if (embedded != null) {
                    embedded.stop();
                }
            }
        }
    }

    /** The embedded server's home: its data survives between goals and builds (but not {@code mvn clean}). */
    protected Path embeddedHome() {
        return Path.of(project.getBuild().getDirectory(), "moose", "clickhouse");
    }

    /** True when this goal runs against the embedded server only when asked to ({@code moose.embedded}). */
    protected boolean embeddedOnlyWhenAsked() {
        return false;
    }

    /** The environment variable CI, as the build sees it (Maven passes the environment as {@code env.*}). */
    private boolean onCi() {
        String ci = session == null ? null : session.getSystemProperties().getProperty("env.CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /**
     * Connects to {@code moose.url}, or starts the embedded server when there is none and this goal may use it.
     *
     * @throws MooseException when there is no URL and the embedded server was not asked for where it must be
     */
    protected Target connect() {
        if (hasUrl()) {
            ConnectionSettings settings = connectionSettings();
            getLog().debug("Connecting to " + settings.displayUrl());
            ClickHouseConnection connection = ClickHouseConnection.open(settings);
            report.target(settings.displayUrl(), connection.version().toString());
            return new Target(connection, null);
        }
        if (!embedded && (embeddedOnlyWhenAsked() || onCi())) {
            String why = embeddedOnlyWhenAsked() ? "moose:" + goal() + " changes the database it runs against"
                    : "the environment variable CI is set";
            throw new MooseException("No moose.url is set, and " + why + ": moose:" + goal() + " will not fall back to the "
                    + "embedded ClickHouse in " + project.getBasedir().toPath().relativize(embeddedHome()) + ". Set the server "
                    + "with -Dmoose.url=clickhouse://user@host:8123/db (is the pipeline's variable for it empty?), or use the "
                    + "embedded server on purpose with -Dmoose.embedded=true.");
        }
        LocalClickHouse server = LocalClickHouse.builder().home(embeddedHome()).start();
        try {
            ConnectionSettings settings = withOverrides(server.connectionSettings("default"));
            ClickHouseConnection connection = ClickHouseConnection.open(settings);
            if (!settings.database().equals("default")) {
                connection.execute("CREATE DATABASE IF NOT EXISTS " + dev.moose.core.internal.sql.Sql.quoteIdentifier(settings.database()));
            }
            report.target(settings.displayUrl(), connection.version().toString());
            getLog().info("No moose.url: using the embedded ClickHouse " + server.version() + " at "
                    + server.jdbcUrl(settings.database()) + " (data in " + project.getBasedir().toPath().relativize(embeddedHome())
                    + (server.isAttached() ? "; started by another moose goal still running, pid " + server.pid() : "") + ")");
            return new Target(connection, server);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }
}
