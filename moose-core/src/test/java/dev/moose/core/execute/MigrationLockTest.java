package dev.moose.core.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.MooseLog;
import dev.moose.core.model.InfraMapJson;
import dev.moose.core.plan.RawSql;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.LockChild;
import dev.moose.core.testing.TestDatabase;
import dev.moose.core.workflow.MigrationFiles;
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

    /** A JVM running {@link LockChild}, its output lines as they come. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

        Child(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockChild.class.getName()));
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        all.add(line);
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line starting with {@code prefix}. */
        String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("no line starting with " + prefix + " from the child; it printed " + all);
        }

        /** Sends the child one line of input. */
        void tell(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        int exit() throws InterruptedException {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child ended; it printed %s", all).isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static String url(TestDatabase db) {
        var s = db.settings();
        return s.endpoint().replace("://", "://" + s.user() + (s.password().isEmpty() ? "" : ":" + s.password().reveal()) + "@")
                + "/" + db.name();
    }

    @ClickHouseTest
    void aHolderFrozenPastItsExpiryIsTakenOverAndStopsBeforeItsNextStatement(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE marks (i UInt32) ENGINE = MergeTree ORDER BY i");
        try (Child frozen = new Child("hold", url(db), "2000")) {
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

            List<Child> runs = new ArrayList<>();
            try {
                for (int k = 0; k < 4; k++) {
                    runs.add(new Child("migrate", url(db), files.directory().toString()));
                }
                List<String> outcomes = new ArrayList<>();
                for (Child run : runs) {
                    outcomes.add(run.await("OUTCOME"));
                    assertThat(run.exit()).as("trial %d: %s", trial, run.all).isZero();
                }
                assertThat(outcomes).as("trial %d", trial).containsOnlyOnce("OUTCOME APPLIED " + plan.plan().operations().size())
                        .filteredOn(o -> !o.startsWith("OUTCOME APPLIED")).containsOnly("OUTCOME ALREADY_AT_TARGET 0");
            } finally {
                runs.forEach(Child::close);
            }
            assertThat(db.connection().queryLong("SELECT count() FROM seeded")).as("trial %d: the RawSql ran once", trial).isEqualTo(1);
            assertThat(db.tables()).noneMatch(t -> t.startsWith("_moose_lock"));
        }
    }
}
