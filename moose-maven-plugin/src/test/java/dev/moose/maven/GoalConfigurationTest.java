package dev.moose.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.moose.core.server.ConnectionSettings;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The goals as Maven configures them: parameters bound from the plugin descriptor's expressions and defaults, with a
 * real session (user properties, settings.xml servers) and a real project, then run.
 */
class GoalConfigurationTest {

    /** The session and project a test class provides to the harness. */
    abstract static class Build {
        final Path basedir;
        final Properties userProperties = new Properties();
        final Properties systemProperties = new Properties();
        final List<Server> servers = new ArrayList<>();

        Build() {
            try {
                basedir = Files.createTempDirectory("moose-goal-");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private MavenProject project;

        @Provides
        MavenProject project() {
            if (project == null) {
                project = newProject();
            }
            return project;
        }

        private MavenProject newProject() {
            Model model = new Model();
            model.setGroupId("com.example");
            model.setArtifactId("goal-test");
            model.setVersion("1.0");
            model.setPackaging("jar");
            org.apache.maven.model.Build build = new org.apache.maven.model.Build();
            build.setDirectory(basedir.resolve("target").toString());
            build.setOutputDirectory(basedir.resolve("target/classes").toString());
            model.setBuild(build);
            MavenProject project = new MavenProject(model);
            project.setFile(basedir.resolve("pom.xml").toFile());
            project.setArtifacts(Set.of());
            return project;
        }

        @Provides
        MavenSession session() {
            MavenProject project = project();
            DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
            request.setUserProperties(userProperties);
            request.setSystemProperties(systemProperties);
            request.setInteractiveMode(false);
            servers.forEach(request::addServer);
            @SuppressWarnings("deprecation")
            MavenSession session = new MavenSession(null, null, request, new DefaultMavenExecutionResult());
            session.setProjects(List.of(project));
            session.setCurrentProject(project);
            return session;
        }
    }

    static Object field(Object mojo, String name) throws Exception {
        Class<?> c = mojo.getClass();
        while (c != null) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(mojo);
            } catch (NoSuchFieldException e) {
                c = c.getSuperclass();
            }
        }
        throw new NoSuchFieldException(name);
    }

    static ConnectionSettings connectionSettings(AbstractMooseMojo mojo) throws Exception {
        Method m = AbstractMooseMojo.class.getDeclaredMethod("connectionSettings");
        m.setAccessible(true);
        try {
            return (ConnectionSettings) m.invoke(mojo);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    /** Collects what a goal logs. */
    static final class Captured extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override public void info(CharSequence content) { lines.add(content.toString()); }
        @Override public void warn(CharSequence content) { lines.add("WARN " + content); }
        @Override public void error(CharSequence content) { lines.add("ERROR " + content); }
    }

    @Nested
    @MojoTest
    class Defaults extends Build {

        @Test
        @InjectMojo(goal = "migrate")
        void migrateDefaults(MigrateMojo mojo) throws Exception {
            assertThat(((MaskedParameter) field(mojo, "url")).isBlank()).isTrue();
            assertThat(field(mojo, "dryRun")).isEqualTo(false);
            assertThat(field(mojo, "lockTimeout")).isEqualTo(300);
            assertThat(field(mojo, "mutationTimeout")).isEqualTo(3600);
            assertThat(field(mojo, "skipPlanValidation")).isEqualTo(false);
            assertThat(field(mojo, "rerunInterrupted")).isEqualTo(false);
            assertThat(field(mojo, "skip")).isEqualTo(false);
            assertThat(field(mojo, "migrationsDir")).isEqualTo(basedir.resolve("migrations").toFile());
        }

        @Test
        @InjectMojo(goal = "dev")
        void devDefaults(DevMojo mojo) throws Exception {
            assertThat(field(mojo, "once")).isEqualTo(false);
            assertThat(field(mojo, "confirmDestructive")).isEqualTo(false);
            assertThat(field(mojo, "quietPeriod")).isEqualTo(300);
            assertThat(field(mojo, "allowRemote")).isEqualTo(false);
        }
    }

    @Nested
    @MojoTest
    class UserProperties extends Build {
        UserProperties() {
            userProperties.setProperty("moose.url", "clickhouse://alice:pw@db.example.invalid:8443/analytics");
            userProperties.setProperty("moose.database", "other");
            userProperties.setProperty("moose.migrationsDir", "/elsewhere/migrations");
            userProperties.setProperty("moose.packages", "com.acme.a,com.acme.b");
            userProperties.setProperty("moose.clickhouseVersion", "23.8");
            userProperties.setProperty("moose.dryRun", "true");
            userProperties.setProperty("moose.lockTimeout", "7");
            userProperties.setProperty("moose.mutationTimeout", "9");
            userProperties.setProperty("moose.cluster", "analytics_cluster");
            userProperties.setProperty("moose.clusterDdlTimeout", "11");
            userProperties.setProperty("moose.migrate.skip", "true");
        }

        @Test
        @InjectMojo(goal = "migrate")
        void everyPropertyBindsItsParameter(MigrateMojo mojo) throws Exception {
            assertThat(((MaskedParameter) field(mojo, "url")).reveal()).isEqualTo("clickhouse://alice:pw@db.example.invalid:8443/analytics");
            assertThat(field(mojo, "url")).as("as -X prints it").hasToString("https://alice@db.example.invalid:8443/analytics");
            assertThat(field(mojo, "database")).isEqualTo("other");
            assertThat(field(mojo, "migrationsDir")).isEqualTo(new File("/elsewhere/migrations"));
            assertThat(field(mojo, "packages")).isEqualTo(List.of("com.acme.a", "com.acme.b"));
            assertThat(field(mojo, "clickhouseVersion")).isEqualTo("23.8");
            assertThat(field(mojo, "dryRun")).isEqualTo(true);
            assertThat(field(mojo, "lockTimeout")).isEqualTo(7);
            assertThat(field(mojo, "mutationTimeout")).isEqualTo(9);
            assertThat(field(mojo, "migrateSkip")).isEqualTo(true);
            assertThat(field(mojo, "cluster")).isEqualTo("analytics_cluster");
            assertThat(field(mojo, "clusterDdlTimeout")).isEqualTo(11);
            assertThat(mojo.scanRequest(dev.moose.core.version.ServerVersion.parse("26.5")).cluster()).isEqualTo("analytics_cluster");
            ConnectionSettings s = connectionSettings(mojo);
            assertThat(s.user()).isEqualTo("alice");
            assertThat(s.database()).isEqualTo("other");
            assertThat(s.https()).isTrue();
        }

        @Test
        @InjectMojo(goal = "migrate")
        void theGoalsOwnSkipFlagSkipsIt(MigrateMojo mojo) throws Exception {
            Captured log = new Captured();
            mojo.setLog(log);
            mojo.execute();
            assertThat(log.lines).containsExactly("Skipping moose:migrate because moose.migrate.skip is true");
        }
    }

    @Nested
    @MojoTest
    class Credentials extends Build {
        Credentials() {
            Server prod = new Server();
            prod.setId("prod");
            prod.setUsername("deployer");
            prod.setPassword("from-settings");
            servers.add(prod);
            userProperties.setProperty("moose.url", "http://db.example.invalid:8123/analytics");
        }

        @Test
        @InjectMojo(goal = "generate")
        @MojoParameter(name = "serverId", value = "prod")
        void serverIdTakesUserAndPasswordFromSettings(GenerateMojo mojo) throws Exception {
            ConnectionSettings s = connectionSettings(mojo);
            assertThat(s.user()).isEqualTo("deployer");
            assertThat(s.password().reveal()).isEqualTo("from-settings");
            assertThat(s.toString()).doesNotContain("from-settings");
        }

        @Test
        @InjectMojo(goal = "generate")
        @MojoParameter(name = "serverId", value = "prod")
        @MojoParameter(name = "user", value = "someone")
        void serverIdWithUserIsRefusedAsAUserError(GenerateMojo mojo) {
            Throwable e = catchThrowable(mojo::execute);
            assertThat(e).isInstanceOf(MojoFailureException.class)
                    .hasMessage("moose.serverId and moose.user/moose.password are both set: use one or the other "
                            + "(moose.serverId reads the <server> 'prod' in settings.xml)");
        }

        @Test
        @InjectMojo(goal = "generate")
        @MojoParameter(name = "serverId", value = "missing")
        void anUnknownServerIdSaysWhatToAdd(GenerateMojo mojo) {
            Throwable e = catchThrowable(mojo::execute);
            assertThat(e).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("settings.xml has no <server> with that id");
        }

        @Test
        @InjectMojo(goal = "generate")
        @MojoParameter(name = "user", value = "explicit")
        @MojoParameter(name = "password", value = "given-apart")
        void userAndPasswordGivenApartOverrideTheUrl(GenerateMojo mojo) throws Exception {
            ConnectionSettings s = connectionSettings(mojo);
            assertThat(s.user()).isEqualTo("explicit");
            assertThat(s.password().reveal()).isEqualTo("given-apart");
        }
    }

    @Nested
    @MojoTest
    class Skipping extends Build {
        Skipping() {
            userProperties.setProperty("moose.skip", "true");
            // were anything to run, it would fail: nothing answers there
            userProperties.setProperty("moose.url", "http://127.0.0.1:9/none");
        }

        @Test
        @InjectMojo(goal = "generate")
        void generate(GenerateMojo mojo) throws Exception {
            assertSkipped(mojo, "generate");
        }

        @Test
        @InjectMojo(goal = "migrate")
        void migrate(MigrateMojo mojo) throws Exception {
            assertSkipped(mojo, "migrate");
        }

        @Test
        @InjectMojo(goal = "verify")
        void verify(VerifyMojo mojo) throws Exception {
            assertSkipped(mojo, "verify");
        }

        @Test
        @InjectMojo(goal = "dev")
        void dev(DevMojo mojo) throws Exception {
            assertSkipped(mojo, "dev");
        }

        private void assertSkipped(AbstractMooseMojo mojo, String goal) throws Exception {
            Captured log = new Captured();
            mojo.setLog(log);
            mojo.execute();
            assertThat(log.lines).containsExactly("Skipping moose:" + goal + " because moose.skip is true");
        }
    }

    @Nested
    @MojoTest
    class Failures extends Build {

        @Test
        @InjectMojo(goal = "verify")
        void aBrokenPlanIsTheUsersToFixAndNamesFileAndLine(VerifyMojo mojo) throws Exception {
            Path migrations = Files.createDirectories(basedir.resolve("migrations"));
            Files.writeString(migrations.resolve("plan.yaml"), "operations:\n  - AddTableColumn:\n      table: [unclosed\n");
            Files.writeString(migrations.resolve("remote_state.json"), "{}");
            Files.writeString(migrations.resolve("local_infra_map.json"), "{}");
            Throwable e = catchThrowable(mojo::execute);
            assertThat(e).isInstanceOf(MojoFailureException.class).hasMessageContaining("plan.yaml:");
        }

        @Test
        @InjectMojo(goal = "migrate")
        @MojoParameter(name = "url", value = "http://127.0.0.1:9/none")
        void missingFilesAreTheUsersToFix(MigrateMojo mojo) {
            Throwable e = catchThrowable(mojo::execute);
            assertThat(e).isInstanceOf(MojoFailureException.class).hasMessageContaining("plan.yaml");
        }

        @Test
        @InjectMojo(goal = "migrate")
        void migrateWithoutATargetRefusesTheEmbeddedServer(MigrateMojo mojo) throws Exception {
            writeEmptyPlan();
            Throwable e = catchThrowable(mojo::execute);
            assertThat(e).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("No moose.url is set, and moose:migrate changes the database it runs against")
                    .hasMessageContaining("-Dmoose.embedded=true");
            assertThat(basedir.resolve("target/moose/clickhouse")).doesNotExist();
        }

        private void writeEmptyPlan() throws java.io.IOException {
            Path migrations = Files.createDirectories(basedir.resolve("migrations"));
            Files.writeString(migrations.resolve("plan.yaml"), "operations: []\n");
            String empty = "{\"format_version\": 1, \"tables\": {}, \"materialized_views\": {}, \"views\": {}, \"sql_resources\": {}}";
            Files.writeString(migrations.resolve("remote_state.json"), empty);
            Files.writeString(migrations.resolve("local_infra_map.json"), empty);
        }

        @Test
        @InjectMojo(goal = "dev")
        @MojoParameter(name = "url", value = "http://db.example.invalid:8123/default")
        void devRefusesARemoteServer(DevMojo mojo) {
            Throwable e = catchThrowable(mojo::execute);
            assertThat(e).isInstanceOf(MojoFailureException.class).hasMessageContaining("-Dmoose.dev.allowRemote=true");
        }
    }

    @Nested
    @MojoTest
    class OnCi extends Build {
        OnCi() {
            systemProperties.setProperty("env.CI", "true");
        }

        @Test
        @InjectMojo(goal = "generate")
        void noGoalFallsBackToTheEmbeddedServer(GenerateMojo mojo) {
            Throwable e = catchThrowable(mojo::execute);
            assertThat(e).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("No moose.url is set, and the environment variable CI is set: moose:generate will not fall back");
            assertThat(basedir.resolve("target/moose/clickhouse")).doesNotExist();
            assertThat(basedir.resolve("migrations")).doesNotExist();
        }
    }

    @Nested
    @MojoTest
    class InternalFailures extends Build {

        @Test
        @InjectMojo(goal = "generate")
        void whatTheUserCannotFixIsAnExecutionError(GenerateMojo mojo) throws Exception {
            // the embedded server's home cannot be created: target/ is a file
            Files.writeString(basedir.resolve("target"), "not a directory");
            Throwable e = catchThrowable(mojo::execute);
            assertThat(e).isInstanceOf(MojoExecutionException.class).hasMessageContaining("Cannot create the ClickHouse home directory");
        }
    }

    @Nested
    @MojoTest
    class NothingCompiled extends Build {

        @Test
        @InjectMojo(goal = "verify")
        void verifyPassesForAProjectWithoutClassesOrPlan(VerifyMojo mojo) throws Exception {
            Captured log = new Captured();
            mojo.setLog(log);
            mojo.execute();
            assertThat(log.lines).containsExactly("No migrations directory and no declared tables: nothing to verify.");
        }
    }
}
