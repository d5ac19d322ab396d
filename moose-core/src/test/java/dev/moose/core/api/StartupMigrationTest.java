package dev.moose.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.moose.core.MooseLog;
import dev.moose.core.api.Generator;
import dev.moose.core.api.GeneratorTest;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** A service applying the plan it ships on its classpath when it starts, without Maven. */
class StartupMigrationTest {

    @ClickHouseTest
    void appliesThePlanFromTheClasspathOnceAndThenFindsNothingToDo(TestDatabase db, @TempDir Path jar) throws Exception {
        Generator.run(db.connection(), GeneratorTest::fixtures, null, new MigrationFiles(jar.resolve("db/migrations")), true,
                MooseLog.silent());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Migrator.Result first = Migrator.migrateFromClasspath(db.settings(), loader, "db/migrations", MigratorTest.FAST, MooseLog.silent());
            assertThat(first.outcome()).isEqualTo(Migrator.Outcome.APPLIED);
            assertThat(first.remainingDifferences()).isEmpty();
            assertThat(db.tables()).contains("event MergeTree", "daily_hits_mv MaterializedView");

            Migrator.Result second = Migrator.migrateFromClasspath(db.settings(), loader, "db/migrations/", MigratorTest.FAST,
                    MooseLog.silent());
            assertThat(second.outcome()).isEqualTo(Migrator.Outcome.ALREADY_AT_TARGET);
        }
    }

    @ClickHouseTest
    void aMissingFileOnTheClasspathIsNamed(TestDatabase db, @TempDir Path jar) throws Exception {
        Generator.run(db.connection(), GeneratorTest::fixtures, null, new MigrationFiles(jar.resolve("migrations")), true,
                MooseLog.silent());
        Files.delete(jar.resolve("migrations/remote_state.json"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Exception e = catchThrowableOfType(Exception.class,
                    () -> Migrator.migrateFromClasspath(db.settings(), loader, "migrations", MigratorTest.FAST, MooseLog.silent()));
            assertThat(e).hasMessageContaining("migrations/remote_state.json");
        }
        assertThat(db.tables()).isEmpty();
    }
}
