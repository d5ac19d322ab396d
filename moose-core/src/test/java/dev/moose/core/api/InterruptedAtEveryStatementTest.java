package dev.moose.core.api;


import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.internal.introspect.Introspector;
import dev.moose.core.model.Column;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableIndex;
import dev.moose.core.model.View;
import dev.moose.core.plan.AddTableColumn;
import dev.moose.core.plan.AddTableIndex;
import dev.moose.core.plan.CreateMaterializedView;
import dev.moose.core.plan.CreateTable;
import dev.moose.core.plan.CreateView;
import dev.moose.core.plan.DropMaterializedView;
import dev.moose.core.plan.DropTableColumn;
import dev.moose.core.plan.DropView;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.plan.ModifyTableColumn;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.PopulateMaterializedView;
import dev.moose.core.plan.RawSql;
import dev.moose.core.plan.RebuildTable;
import dev.moose.core.plan.TableRef;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ConnectionSettings;
import dev.moose.core.server.LocalClickHouse;
import dev.moose.core.testing.ChildJvm;
import dev.moose.core.testing.ClickHouseExtension;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.CuttableProxy;
import dev.moose.core.testing.TestDatabase;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import dev.moose.core.version.ServerVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 20-operation plan, single- and multi-statement operations mixed, stopped at every statement index: once by
 * SIGKILL of the migrating JVM, once by the server going away (killed and restarted on 18.16; cut off and back on
 * the ClickHouse 26 stand-in, which keeps its data in memory). Every rerun finishes the plan exactly once. The
 * outcomes are the site page {@code interruptions-<server>.md} (rewritten with {@code -Dmoose.docs.write=true}).
 */
class InterruptedAtEveryStatementTest {

    /** A killed run's lock expires after this; short, so that the rerun does not wait long. */
    static final Duration KILLED_RUN_TTL = Duration.ofSeconds(2);

    static List<Operation> operations(ServerVersion version) {
        TableRef events = TableRef.of("events");
        TableRef totals = TableRef.of("totals");
        TableRef audit = TableRef.of("audit");
        Table events1 = Table.builder("events").column("id", "UInt64").column("v", "String").orderBy("id").build();
        Table events2 = events1.toBuilder().column("w", "String").build();
        Table events3 = events2.toBuilder().orderBy("v", "id").build();
        String select = "SELECT v, count() AS n FROM events GROUP BY v";
        MaterializedView mv = new MaterializedView("totals_mv", null, "totals", null, select, null);
        List<Operation> ops = new ArrayList<>();
        ops.add(new CreateTable(events1));
        ops.add(new RawSql(List.of("INSERT INTO events (id, v) VALUES (1, 'a'), (2, 'b')", "INSERT INTO events (id, v) VALUES (3, 'c')"),
                "seed events"));
        ops.add(new CreateTable(Table.builder("totals").column("v", "String").column("n", "UInt64").orderBy("v").build()));
        ops.add(new CreateMaterializedView(mv, null));
        ops.add(new PopulateMaterializedView("totals_mv", null, "totals", null, select, true));
        ops.add(new AddTableColumn(events, Column.of("w", "String"), "v", false));
        ops.add(new DropMaterializedView("totals_mv", null, null));
        ops.add(new RebuildTable(events2, events3, true));
        ops.add(new ModifyTableColumn(totals, Column.of("n", "UInt64"), Column.of("n", "Int64")));
        ops.add(new CreateMaterializedView(mv, null));
        ops.add(new PopulateMaterializedView("totals_mv", null, "totals", null, select, true));
        ops.add(new RawSql(List.of("ALTER TABLE events DELETE WHERE id = 3"), "forget event 3"));
        ops.add(new CreateView(new View("recent", null, "SELECT id, v FROM events", null)));
        ops.add(new CreateTable(Table.builder("audit").column("id", "UInt64").orderBy("id").build()));
        ops.add(new RawSql(List.of("INSERT INTO audit (id) SELECT id FROM events", "INSERT INTO audit (id) VALUES (100)"), "fill audit"));
        ops.add(new AddTableColumn(audit, Column.of("note", "String"), "id", false));
        if (Capabilities.of(version).has(Feature.MATERIALIZE_INDEX)) {
            ops.add(new AddTableIndex(audit, new TableIndex("audit_id", "id", "minmax", 1), true));
        } else {
            ops.add(new RawSql(List.of("OPTIMIZE TABLE audit FINAL"), "merge audit"));
        }
        ops.add(new DropView("recent", null));
        ops.add(new CreateView(new View("recent", null, "SELECT id FROM events WHERE id > 1", null)));
        ops.add(new DropTableColumn(events, "w"));
        return ops;
    }

    /** The plan for an empty database, as generate would write it: remote state empty, target its simulated end. */
    static MigrationInput input(ClickHouseConnection c) {
        MigrationPlan plan = MigrationPlan.of(operations(c.version()));
        InfraMap empty = Introspector.introspect(c, Set.of()).everything();
        return new MigrationInput(plan, empty, plan.simulate(empty), Optional.empty(), Optional.of(c.version()), "the kill matrix");
    }

    /** Where each statement of the plan is: operation index and statement index, in running order. */
    static List<int[]> statements(ClickHouseConnection c, MigrationInput in) {
        List<List<String>> rendered = Preflight.render(in.plan(), in.remoteState(), c.version());
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < rendered.size(); i++) {
            for (int s = 0; s < rendered.get(i).size(); s++) {
                out.add(new int[] {i, s});
            }
        }
        return out;
    }

    static Migrator.Options stopAt(Migrator.Options base, int operation, int statement, Runnable stop) {
        return base.toBuilder().lockTtl(KILLED_RUN_TTL).listener(new Migrator.Listener() {
            @Override
            public void beforeStatement(int op, int s, String sql) {
                if (op == operation && s == statement) {
                    stop.run();
                }
            }
        }).build();
    }

    /** The migrating JVM of a trial: runs the plan and, just before the given statement is sent, says so and waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            try (ClickHouseConnection c = ClickHouseConnection.open(ConnectionSettings.parse(args[0]))) {
                int op = Integer.parseInt(args[1]);
                int statement = Integer.parseInt(args[2]);
                Migrator.migrate(c, input(c), null, stopAt(MigratorTest.FAST, op, statement, () -> {
                    System.out.println("AT " + op + " " + statement);
                    System.out.flush();
                    try {
                        System.in.read(); // the parent never writes: this blocks until the SIGKILL
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }), MooseLog.silent());
                System.out.println("FINISHED");
            }
        }
    }

    /**
     * Reruns the plan after a stopped run: a refusal to guess whether a non-repeatable statement ran is answered as
     * its operator would, knowing it was not sent (the runs stop just before sending).
     *
     * @return how the rerun went, for the matrix
     */
    static String rerun(ClickHouseConnection c, MigrationInput in) {
        Migrator.Options options = MigratorTest.FAST.toBuilder().lockTimeout(Duration.ofSeconds(60)).build();
        String outcome = "";
        Migrator.Result r;
        try {
            r = Migrator.migrate(c, in, null, options, MooseLog.silent());
        } catch (CheckFailedException e) {
            assertThat(e.check()).as(e.getMessage()).isEqualTo(CheckFailedException.Check.INTERRUPTED_OPERATION);
            assertThat(e.getMessage()).contains("(may have run)");
            outcome = "asks; with rerunInterrupted ";
            r = Migrator.migrate(c, in, null, options.toBuilder().rerunInterrupted(true).build(), MooseLog.silent());
        }
        assertThat(r.remainingDifferences()).isEmpty();
        return outcome + (r.outcome() == Migrator.Outcome.APPLIED ? "starts again" : "resumes at operation " + (r.from() + 1)
                + (r.fromStatement() > 0 ? ", statement " + (r.fromStatement() + 1) : ""));
    }

    /**
     * The plan ran exactly once: each row once, no copy left, every MATERIALIZE done (the schema equals the target:
     * the rerun found no remaining difference).
     */
    static void assertExactlyOnce(ClickHouseConnection c, String trial) {
        String db = dev.moose.core.internal.sql.Sql.quoteString(c.database());
        assertThat(c.query("SELECT id FROM events ORDER BY id", rs -> rs.getString(1))).as(trial).containsExactly("1", "2");
        assertThat(c.query("SELECT v, toString(n) FROM totals ORDER BY v", rs -> rs.getString(1) + rs.getString(2))).as(trial)
                .containsExactly("a1", "b1", "c1");
        assertThat(c.query("SELECT id FROM audit ORDER BY id", rs -> rs.getString(1))).as(trial).containsExactly("1", "2", "100");
        assertThat(c.query("SELECT name FROM system.tables WHERE database = " + db + " AND name LIKE '%\\\\_\\\\_moose\\\\_%'",
                rs -> rs.getString(1))).as(trial).isEmpty();
        if (Capabilities.of(c.version()).has(Feature.MATERIALIZE_INDEX)) {
            assertThat(c.queryLong("SELECT count() FROM system.mutations WHERE database = " + db
                    + " AND table = 'audit' AND is_done = 1 AND command LIKE '%MATERIALIZE INDEX%'")).as(trial).isPositive();
        }
    }

    private static String trialDatabase(TestDatabase db, String kind, int k) {
        return db.name() + "_" + kind + "_" + k;
    }

    /** Runs the trials on a few threads: most of a trial is waiting for a killed run's lock to expire. */
    private static Map<Integer, String> runTrials(int count, int threads, IntFunction<String> trial) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Map<Integer, Future<String>> futures = new TreeMap<>();
            for (int k = 0; k < count; k++) {
                int index = k;
                futures.put(k, pool.submit(() -> trial.apply(index)));
            }
            Map<Integer, String> out = new ConcurrentSkipListMap<>();
            for (var e : futures.entrySet()) {
                out.put(e.getKey(), e.getValue().get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @ClickHouseTest
    void killedAtEveryStatementTheRerunFinishesThePlanExactlyOnce(TestDatabase db, @TempDir Path dir) throws Exception {
        assumeTrue(db.kind() != ClickHouseExtension.Kind.EXTERNAL, "the server is killed or cut off: only servers this run started");
        MigrationInput in = input(db.connection());
        List<int[]> where = statements(db.connection(), in);
        assertThat(in.plan().operations()).hasSize(20);

        Map<Integer, String> jvm = runTrials(where.size(), 4, k -> {
            String name = trialDatabase(db, "jvm", k);
            db.execute("CREATE DATABASE `" + name + "`");
            try (ClickHouseConnection c = db.server().connect(name);
                 ChildJvm child = new ChildJvm(Child.class, db.url().replaceAll("/[^/]*$", "/" + name),
                         Integer.toString(where.get(k)[0]), Integer.toString(where.get(k)[1]))) {
                child.await("AT ");
                child.kill();
                String outcome = rerun(c, in);
                assertExactlyOnce(c, "SIGKILL at statement " + (k + 1));
                return outcome;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                db.execute("DROP DATABASE `" + name + "`");
            }
        });

        Map<Integer, String> server = db.kind() == ClickHouseExtension.Kind.NATIVE
                ? killTheServer(db, in, where, dir) : cutTheServerOff(db, in, where);

        StringBuilder page = new StringBuilder();
        String version = db.server().version().toString();
        page.append("<!-- Written by InterruptedAtEveryStatementTest from its runs; do not edit by hand. -->\n\n")
                .append("# Interrupted at every statement: ClickHouse ").append(version).append("\n\n")
                .append("The plan below was stopped just before each of its statements, once by SIGKILL of the JVM running ")
                .append("`migrate`, once by ")
                .append(db.kind() == ClickHouseExtension.Kind.NATIVE ? "SIGKILL of the server (then started again on its data)"
                        : "cutting the server off (the ClickHouse 26 stand-in keeps its data in memory, so it is made unreachable "
                        + "and then reachable again rather than killed)")
                .append(". Each time, the next `migrate` finished the plan, and afterwards the schema was the target, every ")
                .append("row was there exactly once, no `__moose_` table was left and every MATERIALIZE had run. *Asks* means ")
                .append("it stopped before a statement whose effect the schema cannot show, naming it, and went on when run ")
                .append("with `-Dmoose.rerunInterrupted=true` (the answer for a statement that was not sent).\n\n")
                .append("| # | Operation | Statement | JVM killed | Server ").append(db.kind() == ClickHouseExtension.Kind.NATIVE ? "killed" : "cut off")
                .append(" |\n|---|---|---|---|---|\n");
        List<List<String>> rendered = Preflight.render(in.plan(), in.remoteState(), db.connection().version());
        for (int k = 0; k < where.size(); k++) {
            int op = where.get(k)[0];
            int s = where.get(k)[1];
            String sql = rendered.get(op).get(s).replaceAll("\\s+", " ").replace("|", "\\|");
            page.append("| ").append(k + 1).append(" | ").append(op + 1).append(' ').append(in.plan().operations().get(op).name())
                    .append(" | `` ").append(sql.length() > 70 ? sql.substring(0, 67) + "…" : sql).append(" `` | ")
                    .append(jvm.get(k)).append(" | ").append(server.get(k)).append(" |\n");
        }
        String file = "interruptions-" + db.server().version().major() + ".md";
        Path target = Path.of("..", "src", "site", "markdown", file);
        if (Boolean.getBoolean("moose.docs.write")) {
            Files.writeString(target, page.toString(), StandardCharsets.UTF_8);
        } else {
            assertThat(Files.readString(target, StandardCharsets.UTF_8)).as("src/site/markdown/%s is out of date; rewrite it with: "
                    + "mvn -pl moose-core test -Dtest=InterruptedAtEveryStatementTest -Dmoose.docs.write=true", file)
                    .isEqualTo(page.toString());
        }
    }

    /** 18.16: SIGKILL of the server just before the statement, then the server started again on its data. */
    private static Map<Integer, String> killTheServer(TestDatabase db, MigrationInput in, List<int[]> where, Path dir) throws Exception {
        // two private servers, each taking every other trial
        LocalClickHouse[] servers = new LocalClickHouse[2];
        try {
            for (int i = 0; i < servers.length; i++) {
                servers[i] = LocalClickHouse.builder().home(dir.resolve("server-" + i)).start();
            }
            // each server takes every other trial, one after another: a trial kills its server
            Map<Integer, String> out = new ConcurrentSkipListMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(servers.length);
            try {
                List<Future<?>> slots = new ArrayList<>();
                for (int slot = 0; slot < servers.length; slot++) {
                    int mine = slot;
                    slots.add(pool.submit(() -> {
                        for (int k = mine; k < where.size(); k += servers.length) {
                            out.put(k, killTheServerAt(k, mine, servers, in, where, dir));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : slots) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            return out;
        } finally {
            for (LocalClickHouse s : servers) {
                if (s != null) {
                    s.stop();
                }
            }
        }
    }

    private static String killTheServerAt(int k, int slot, LocalClickHouse[] servers, MigrationInput in, List<int[]> where, Path dir) {
        String name = "trial_" + k;
        LocalClickHouse server;
        synchronized (servers) {
            server = servers[slot];
        }
        try (ClickHouseConnection admin = ClickHouseConnection.open(server.connectionSettings("default"))) {
            admin.execute("CREATE DATABASE `" + name + "`");
        }
        long pid = server.pid();
        try (ClickHouseConnection c = ClickHouseConnection.open(server.connectionSettings(name))) {
            Migrator.Options options = stopAt(MigratorTest.FAST, where.get(k)[0], where.get(k)[1], () -> {
                try {
                    new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
                    ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                Migrator.migrate(c, in, null, options, MooseLog.silent());
                throw new AssertionError("the run went on after its server was killed");
            } catch (MooseException expected) {
                // the statement found no server
            }
        }
        server.stop();
        LocalClickHouse restarted = LocalClickHouse.builder().home(dir.resolve("server-" + slot)).start();
        synchronized (servers) {
            servers[slot] = restarted;
        }
        try (ClickHouseConnection c = ClickHouseConnection.open(restarted.connectionSettings(name))) {
            String outcome = rerun(c, in);
            assertExactlyOnce(c, "server killed at statement " + (k + 1));
            c.execute("DROP DATABASE `" + name + "`");
            return outcome;
        }
    }

    private static ConnectionSettings throughProxy(ConnectionSettings s, CuttableProxy proxy) {
        return new ConnectionSettings(s.https(), "127.0.0.1", proxy.port(), s.database(), s.user(), s.password(), s.options());
    }

    /** The stand-in: its connections cut just before the statement, and new ones refused, until the run gave up. */
    private static Map<Integer, String> cutTheServerOff(TestDatabase db, MigrationInput in, List<int[]> where) throws Exception {
        int port = java.net.URI.create(db.settings().endpoint()).getPort();
        return runTrials(where.size(), 6, k -> {
            String name = trialDatabase(db, "cut", k);
            db.execute("CREATE DATABASE `" + name + "`");
            try (CuttableProxy proxy = new CuttableProxy(port);
                 ClickHouseConnection c = ClickHouseConnection.open(throughProxy(db.settings().withDatabase(name), proxy))) {
                Migrator.Options options = stopAt(MigratorTest.FAST, where.get(k)[0], where.get(k)[1], proxy::cut);
                try {
                    Migrator.migrate(c, in, null, options, MooseLog.silent());
                    throw new AssertionError("the run went on after its server was cut off");
                } catch (MooseException expected) {
                    // the statement found no server
                }
                proxy.restore();
                String outcome = rerun(c, in);
                assertExactlyOnce(c, "server cut off at statement " + (k + 1));
                return outcome;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } finally {
                db.execute("DROP DATABASE `" + name + "`");
            }
        });
    }
}
