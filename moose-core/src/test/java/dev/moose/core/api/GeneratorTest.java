package dev.moose.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.MooseLog;
import dev.moose.core.api.MigrationFiles;
import dev.moose.core.internal.bookkeeping.StateRegistry;
import dev.moose.core.internal.execute.PlanApplier;
import dev.moose.core.model.InfraMap;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.scan.ScanRequest;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestClasses;
import dev.moose.core.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

public class GeneratorTest {

    public static ScanRequest fixtures(dev.moose.core.version.ServerVersion version) {
        return TestClasses.scan("dev.moose.core.internal.introspect.fixtures", version);
    }

    /** Generates for the fixtures, applies the plan and records it, as a migrate would; the generate's result. */
    private static Generator.Result generateAndApply(TestDatabase db, MigrationFiles files) {
        Generator.Result first = Generator.run(db.connection(), GeneratorTest::fixtures, null, files, true, MooseLog.silent());
        PlanApplier.apply(db.connection(), first.plan().operations(), first.remoteState());
        StateRegistry.of(first.localInfraMap()).store(db.connection(), StateRegistry.empty());
        return first;
    }

    @ClickHouseTest
    void writesThePlanAndBothSnapshots(TestDatabase db, @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        Generator.Result r = Generator.run(db.connection(), GeneratorTest::fixtures, null, files, true, MooseLog.silent());
        assertThat(r.written()).isTrue();
        assertThat(MigrationPlan.read(files.plan()).operations()).isEqualTo(r.plan().operations());
        assertThat(Files.readString(files.remoteState())).contains("\"tables\": { }");
        assertThat(Files.readString(files.localInfraMap())).contains("\"event\"").contains("\"clickhouse_version\": \""
                + db.connection().version().majorMinor() + "\"");
        assertThat(r.changeLog()).contains("+ Materialized View: daily_hits_mv", "+ View: top_paths", "+ SQL Resource: path_dictionary_source");
        assertThat(r.introspectionQueries()).isLessThanOrEqualTo(5);
    }

    @ClickHouseTest
    void theSameCodeAndDatabaseGiveTheSameFiles(TestDatabase db, @TempDir Path dir) throws Exception {
        MigrationFiles a = new MigrationFiles(dir.resolve("a"));
        MigrationFiles b = new MigrationFiles(dir.resolve("b"));
        Generator.run(db.connection(), GeneratorTest::fixtures, null, a, true, MooseLog.silent());
        Generator.run(db.connection(), GeneratorTest::fixtures, null, b, true, MooseLog.silent());
        assertThat(withoutTimestamp(a.plan())).isEqualTo(withoutTimestamp(b.plan()));
        assertThat(Files.readString(a.remoteState())).isEqualTo(Files.readString(b.remoteState()));
        assertThat(Files.readString(a.localInfraMap())).isEqualTo(Files.readString(b.localInfraMap()));
    }

    private static String withoutTimestamp(Path plan) throws Exception {
        return Files.readString(plan).replaceAll("(?m)^created_at: .*$", "");
    }

    @ClickHouseTest
    void aDryRunWritesNothing(TestDatabase db, @TempDir Path dir) {
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        Generator.Result r = Generator.run(db.connection(), GeneratorTest::fixtures, null, files, false, MooseLog.silent());
        assertThat(r.plan().operations()).isNotEmpty();
        assertThat(files.exist()).isFalse();
    }

    @ClickHouseTest
    void aDatabaseThatMatchesTheCodeGivesAnEmptyPlan(TestDatabase db, @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        Generator.Result first = generateAndApply(db, files);
        Generator.Result second = Generator.run(db.connection(), GeneratorTest::fixtures, null, files, true, MooseLog.silent());
        assertThat(second.plan().isEmpty()).isTrue();
        assertThat(Files.readString(files.plan())).endsWith("operations: []\n");
        assertThat(second.remoteState().tables().keySet()).isEqualTo(first.localInfraMap().tables().keySet());
        InfraMap local = dev.moose.core.model.InfraMapJson.read(files.localInfraMap()).infraMap();
        assertThat(local).isEqualTo(first.localInfraMap());
    }

    @ClickHouseTest
    void aScanThatFindsNothingNeverPlansDrops(TestDatabase db, @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        Generator.Result first = generateAndApply(db, files);
        String planBefore = Files.readString(files.plan());
        List<String> tablesBefore = db.tables();

        // nothing compiled
        Path empty = Files.createDirectories(dir.resolve("empty-classes"));
        dev.moose.core.MooseException nothing = org.assertj.core.api.Assertions.catchThrowableOfType(dev.moose.core.MooseException.class,
                () -> Generator.run(db.connection(), v -> new ScanRequest(List.of(empty), List.of(), List.of(), v), null, files, true,
                        MooseLog.silent()));
        assertThat(nothing.getMessage()).contains("The scan found no declarations in " + empty)
                .contains("drop table event").contains("Nothing was planned or changed");
        // a package filter that matches nothing
        dev.moose.core.MooseException filtered = org.assertj.core.api.Assertions.catchThrowableOfType(dev.moose.core.MooseException.class,
                () -> Generator.run(db.connection(), v -> new ScanRequest(fixtures(v).classDirectories(), List.of(), List.of("com.typo"), v),
                        null, files, true, MooseLog.silent()));
        assertThat(filtered.getMessage()).contains("under the packages com.typo");
        assertThat(Files.readString(files.plan())).isEqualTo(planBefore);
        assertThat(db.tables()).isEqualTo(tablesBefore);
    }
}
