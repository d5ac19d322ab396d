package dev.moose.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.MooseLog;
import dev.moose.core.internal.bookkeeping.Journal;
import dev.moose.core.internal.bookkeeping.MigrationLock;
import dev.moose.core.model.InfraMapJson;
import dev.moose.core.plan.RawSql;
import dev.moose.core.testing.ChildJvm;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.LockChild;
import dev.moose.core.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/** The migration lock across processes, with the server's clock only: exclusion, take-over, fencing. */
class MigrationLockTest {

    @ClickHouseTest
    void aHolderFrozenPastItsExpiryIsTakenOverAndStopsBeforeItsNextStatement(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE marks (i UInt32) ENGINE = MergeTree ORDER BY i");
        try (ChildJvm frozen = new ChildJvm(LockChild.class, "hold", db.url(), "2000")) {
            frozen.await("LOCKED");
            for (int i = 0; i < 3; i++) {
                frozen.tell("mark");
            }
            frozen.await("MARK 3");
            ProcessHandle handle = frozen.process.toHandle();
            new ProcessBuilder("kill", "-STOP", Long.toString(handle.pid())).start().waitFor();
            List<String> logged = new ArrayList<>();
            MooseLog log = MigratorTest.capture(logged);
            // waits, as a second pipeline would, until the server says the frozen holder's lock expired
            try (MigrationLock taken = MigrationLock.acquire(db.connection(), MigrationLock.describeThisProcess("takeover"),
                    Duration.ofSeconds(30), Duration.ofSeconds(30), log)) {
                assertThat(logged).anyMatch(l -> l.contains("expired (its run stopped renewing it); taking it over"));
                long marks = db.connection().queryLong("SELECT count() FROM marks");
                new ProcessBuilder("kill", "-CONT", Long.toString(handle.pid())).start().waitFor();
                frozen.tell("mark");
                assertThat(frozen.exit()).isEqualTo(3);
                assertThat(frozen.all).anyMatch(l -> l.startsWith("LOST This migration lost its lock (the lock is now held by")
                        && l.contains("run takeover"));
                assertThat(db.connection().queryLong("SELECT count() FROM marks")).as("nothing ran after it woke").isEqualTo(marks);
                taken.ensureHeld(db.connection());
                taken.release(db.connection());
            }
        }
        assertThat(db.tables()).noneMatch(t -> t.startsWith("_moose_lock"));
    }

    @ClickHouseTest
    void fourConcurrentMigrationsOfOnePlanExecuteItExactlyOnce(TestDatabase db, @TempDir Path dir) throws Exception {
        for (int trial = 1; trial <= 10; trial++) {
            db.execute("DROP TABLE IF EXISTS events", "DROP TABLE IF EXISTS sessions", "DROP TABLE IF EXISTS seeded",
                    "DROP TABLE IF EXISTS _moose_migrations", "DROP TABLE IF EXISTS _moose_state", "DROP TABLE IF EXISTS named");
            MigratorTest.migrateTo(db, MigratorTest.v1());
            db.execute("CREATE TABLE seeded (trial UInt32) ENGINE = MergeTree ORDER BY trial");
            MigrationInput in = MigratorTest.generate(db.connection(), MigratorTest.v2());
            MigrationInput plan = MigratorTest.withOperation(in, new RawSql(List.of("INSERT INTO seeded VALUES (" + trial + ")"),
                    "seed trial " + trial));
            MigrationFiles files = new MigrationFiles(dir.resolve("trial-" + trial));
            java.nio.file.Files.createDirectories(files.directory());
            plan.plan().write(files.plan());
            InfraMapJson.write(new InfraMapJson.Snapshot(plan.remoteState(), null, plan.unmanaged()), files.remoteState());
            InfraMapJson.write(new InfraMapJson.Snapshot(plan.localInfraMap(), null), files.localInfraMap());

            List<ChildJvm> runs = new ArrayList<>();
            try {
                for (int k = 0; k < 4; k++) {
                    runs.add(new ChildJvm(LockChild.class, "migrate", db.url(), files.directory().toString()));
                }
                List<String> outcomes = new ArrayList<>();
                for (ChildJvm run : runs) {
                    outcomes.add(run.await("OUTCOME"));
                    assertThat(run.exit()).as("trial %d: %s", trial, run.all).isZero();
                }
                assertThat(outcomes).as("trial %d", trial).containsOnlyOnce("OUTCOME APPLIED " + plan.plan().operations().size())
                        .filteredOn(o -> !o.startsWith("OUTCOME APPLIED")).containsOnly("OUTCOME ALREADY_AT_TARGET 0");
            } finally {
                runs.forEach(ChildJvm::close);
            }
            assertThat(db.connection().queryLong("SELECT count() FROM seeded")).as("trial %d: the RawSql ran once", trial).isEqualTo(1);
            assertThat(db.tables()).noneMatch(t -> t.startsWith("_moose_lock"));
        }
    }

    @ClickHouseTest
    void clientClocksTenMinutesApartChangeNothing(TestDatabase db, @TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ChildJvm.canSkewClocks(), "faketime is not installed (.ci/run installs it)");
        db.execute("CREATE TABLE marks (i UInt32) ENGINE = MergeTree ORDER BY i");
        MigrationInput in = MigratorTest.generate(db.connection(), MigratorTest.v1());
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        java.nio.file.Files.createDirectories(files.directory());
        in.plan().write(files.plan());
        InfraMapJson.write(new InfraMapJson.Snapshot(in.remoteState(), null, in.unmanaged()), files.remoteState());
        InfraMapJson.write(new InfraMapJson.Snapshot(in.localInfraMap(), null), files.localInfraMap());

        // a holder ten minutes behind keeps its lock from a run ten minutes ahead, for several of its lifetimes
        try (ChildJvm behind = new ChildJvm("-10m", LockChild.class, "hold", db.url(), "2000")) {
            behind.await("LOCKED");
            try (ChildJvm ahead = new ChildJvm("+10m", LockChild.class, "migrate", db.url(), files.directory().toString())) {
                long start = db.connection().queryLong("SELECT toUInt64(now())");
                int mark = 0;
                while (db.connection().queryLong("SELECT toUInt64(now())") < start + 6) {
                    behind.tell("mark");
                    behind.await("MARK " + ++mark);
                    assertThat(ahead.all).as("the run ahead waits").noneMatch(l -> l.startsWith("OUTCOME"));
                }
                assertThat(db.tables()).as("nothing of the plan ran").doesNotContain("events MergeTree");
                behind.process.getOutputStream().close(); // end of input: the holder releases its lock
                assertThat(behind.exit()).isZero();
                assertThat(ahead.await("OUTCOME")).isEqualTo("OUTCOME APPLIED 1");
                assertThat(ahead.exit()).isZero();
            }
        }

        // a holder ten minutes ahead that dies is taken over by a run ten minutes behind once its lifetime is over
        try (ChildJvm ahead = new ChildJvm("+10m", LockChild.class, "hold", db.url(), "2000")) {
            ahead.await("LOCKED");
            ahead.kill();
            try (ChildJvm behind = new ChildJvm("-10m", LockChild.class, "migrate", db.url(), files.directory().toString())) {
                assertThat(behind.await("OUTCOME")).isEqualTo("OUTCOME ALREADY_AT_TARGET 0");
                assertThat(behind.exit()).isZero();
            }
        }
        assertThat(new Journal(db.connection()).history()).as("runs in the order they ran").last().asString().endsWith("completed");
        assertThat(db.tables()).noneMatch(t -> t.startsWith("_moose_lock"));
    }

    @ClickHouseTest
    void aLockThatCouldNotBeTakenLeavesNothingBehind(TestDatabase db) {
        // the server refuses the lock's first row (its INSERT … SELECT computes more columns than allowed), after its table was created
        String holder = MigrationLock.describeThisProcess("refused");
        try (dev.moose.core.server.ClickHouseConnection starved = dev.moose.core.server.ClickHouseConnection.open(db.settings(),
                java.util.Map.of("max_temporary_columns", "2"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> MigrationLock.acquire(starved, holder, Duration.ofSeconds(30),
                    Duration.ofSeconds(5), MooseLog.silent())).isInstanceOf(dev.moose.core.MooseException.class)
                    .hasMessageContaining("INSERT INTO `_moose_lock`");
        }
        assertThat(db.tables()).as("no empty lock left to expire").noneMatch(t -> t.startsWith("_moose_lock"));
        assertThat(MigrationLock.holderIsGone(holder)).as("the run is not remembered as active").isTrue();
        // and the next run takes the lock at once
        try (MigrationLock next = MigrationLock.acquire(db.connection(), MigrationLock.describeThisProcess("next"), Duration.ofSeconds(30),
                Duration.ofSeconds(1), MooseLog.silent())) {
            next.ensureHeld(db.connection());
        }
    }
}
