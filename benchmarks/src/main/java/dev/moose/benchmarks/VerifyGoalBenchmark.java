package dev.moose.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code moose:verify} adds to {@code mvn verify} of a project of N tables (200 is the reference size) (offline: the code scanned and compared
 * with local_infra_map.json, the plan simulated): the same build with the plugin (profile {@code moose}) against
 * the build without it, both as real Maven processes, offline, timed alternately. Needs the plugin installed in
 * the local repository (the benchmarks command installs it).
 */
final class VerifyGoalBenchmark {

    private VerifyGoalBenchmark() {
    }

    static List<Benchmarks.Row> run(Path work) {
        List<Benchmarks.Row> rows = new ArrayList<>();
        for (int tables : new int[] {10, 100, 200, 1000, 2000}) {
            rows.add(measure(work.resolve("verify-" + tables), tables));
        }
        return rows;
    }

    private static Benchmarks.Row measure(Path project, int tables) {
        try {
            ProjectGenerator.writeSources(project.resolve("src/main/java"), tables, 30);
            Files.writeString(project.resolve("pom.xml"), pom());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the plan, made by the plugin itself on its embedded server
        maven(project, "-Pmoose", "moose:generate");
        if (!Files.exists(project.resolve("migrations/plan.yaml"))) {
            throw new IllegalStateException("moose:generate wrote no plan in " + project);
        }
        Measurement[] m = Measurement.interleaved("mvn verify with moose:verify", "mvn verify without the plugin",
                tables + " tables x 30 cols", 1, tables == 200 ? 7 : 3, () -> maven(project, "-Pmoose", "verify"), () -> maven(project, "verify"));
        double added = m[0].median() - m[1].median();
        return new Benchmarks.Row(m[0], m[1], String.format(java.util.Locale.ROOT, "moose:verify adds %.0f ms", added));
    }

    private static void maven(Path project, String... goals) {
        String home = System.getProperty("maven.home");
        if (home == null) {
            throw new IllegalStateException("maven.home is not set: run the benchmarks with the documented mvn command");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(home, "bin", "mvn").toString(), "-B", "-q", "-o"));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.addAll(List.of(goals));
        try {
            Path log = project.resolve("target-maven.log");
            Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pom() {
        String version = System.getProperty("moose.version", "0.1.0-SNAPSHOT");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench</groupId>
                  <artifactId>verify-project</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>dev.moose</groupId>
                      <artifactId>moose-annotations</artifactId>
                      <version>%1$s</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                        <plugin><groupId>dev.moose</groupId><artifactId>moose-maven-plugin</artifactId><version>%1$s</version></plugin>
                      </plugins>
                    </pluginManagement>
                  </build>
                  <profiles>
                    <profile>
                      <id>moose</id>
                      <build>
                        <plugins>
                          <plugin>
                            <groupId>dev.moose</groupId>
                            <artifactId>moose-maven-plugin</artifactId>
                            <executions><execution><goals><goal>verify</goal></goals></execution></executions>
                          </plugin>
                        </plugins>
                      </build>
                    </profile>
                  </profiles>
                </project>
                """.formatted(version);
    }
}
