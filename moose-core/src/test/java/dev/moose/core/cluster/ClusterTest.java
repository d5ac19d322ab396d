package dev.moose.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.api.CheckFailedException;
import dev.moose.core.api.Generator;
import dev.moose.core.api.MigrationFiles;
import dev.moose.core.api.MigrationInput;
import dev.moose.core.api.Migrator;
import dev.moose.core.api.Verifier;
import dev.moose.core.internal.Pause;
import dev.moose.core.plan.CreateTable;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.RebuildTable;
import dev.moose.core.scan.ScanRequest;
import dev.moose.core.scan.SchemaScanner;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ConnectionSettings;
import dev.moose.core.testing.ChildJvm;
import dev.moose.core.testing.LocalCluster;
import dev.moose.core.testing.TestClasses;
import dev.moose.core.version.ServerVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool on a real cluster: two ClickHouse 18.16 servers and ZooKeeper ({@link LocalCluster}), as one shard of two
 * replicas ({@value LocalCluster#TWO_REPLICAS}, the project's cluster) and as two shards ({@value LocalCluster#TWO_SHARDS}).
 */
class ClusterTest {

    private static final String FIXTURES = "dev.moose.core.cluster.fixtures";
    private static final String REBUILT = "dev.moose.core.cluster.rebuilt";
    private static final String BACKFILLED = "dev.moose.core.cluster.backfilled";
    private static final Migrator.Options OPTIONS = Migrator.Options.builder().lockTimeout(Duration.ofSeconds(30))
            .cluster(LocalCluster.TWO_REPLICAS).clusterDdlTimeout(Duration.ofSeconds(60)).build();

    private final LocalCluster cluster = LocalCluster.shared();

    static ScanRequest scan(String pkg, ServerVersion version) {
        return TestClasses.scan(pkg, version).withCluster(LocalCluster.TWO_REPLICAS);
    }

    private static Generator.Result generate(ClickHouseConnection c, String pkg, MigrationFiles files) {
        return Generator.run(c, v -> scan(pkg, v), null, files, true, MooseLog.silent());
    }

    private static Migrator.Result migrate(ClickHouseConnection c, MigrationFiles files, String pkg, Migrator.Options options) {
        return Migrator.migrate(c, MigrationInput.load(files), SchemaScanner.scan(scan(pkg, c.version())).infraMap(), options,
                MooseLog.silent());
    }

    /** Polls {@code condition} until it holds (replication and Distributed sends are asynchronous), for up to 60 s. */
    static void awaitThat(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s for: " + what).isLessThan(deadline);
            Pause.sleep(50, what);
        }
    }

    private static long count(ClickHouseConnection c, String sql) {
        return c.queryLong(sql);
    }

    @Test
    void generateMigrateVerifyOnTheCluster(@TempDir Path dir) {
        try (LocalCluster.ClusterDatabase db = cluster.createDatabase("e2e");
             ClickHouseConnection ch1 = db.connect(0); ClickHouseConnection ch2 = db.connect(1)) {
            MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
            Generator.Result plan = generate(ch1, FIXTURES, files);
            List<Operation> ops = plan.plan().operations();
            assertThat(ops).allSatisfy(op -> assertThat(op.runsOnCluster()).isPresent());
            // the Distributed table after the tables it reads
            assertThat(ops.stream().filter(CreateTable.class::isInstance).map(op -> ((CreateTable) op).table().name()).toList())
                    .endsWith("events");

            Migrator.Result r = migrate(ch1, files, FIXTURES, OPTIONS);
            assertThat(r.outcome()).isEqualTo(Migrator.Outcome.APPLIED);
            assertThat(r.remainingDifferences()).isEmpty();

            // every object on both hosts; the replicated ones under the default keeper path 18.16 needs
            for (ClickHouseConnection c : List.of(ch1, ch2)) {
                assertThat(c.query("SELECT name FROM system.tables WHERE database = currentDatabase() AND name NOT LIKE '\\\\_moose%' "
                        + "ORDER BY name", row -> row.getString(1)))
                        .containsExactly("customer_totals", "customer_totals_mv", "events", "events_local", "orders");
                assertThat(c.queryString("SELECT zookeeper_path FROM system.replicas WHERE database = currentDatabase() "
                        + "AND table = 'orders'")).contains("/clickhouse/tables/01/" + db.name() + "/orders");
            }
            // the bookkeeping is replicated: the journal written through ch1 is read on ch2
            awaitThat("the journal on ch2", () -> count(ch2, "SELECT count() FROM _moose_migrations") > 0);

            // rows written on one replica reach the other, through the materialized view too
            ch1.execute("INSERT INTO orders (id, customer, amount) VALUES (1, 'a', 2.5), (2, 'b', 1), (3, 'a', 1.5)");
            awaitThat("the orders on ch2", () -> count(ch2, "SELECT count() FROM orders") == 3);
            awaitThat("the totals on ch2", () -> count(ch2, "SELECT sum(total) FROM customer_totals") == 5);

            // rows inserted through the Distributed table reach both shards
            ch1.execute("INSERT INTO events (id, kind) SELECT number, 'k' FROM system.numbers LIMIT 100", null,
                    java.util.Map.of("insert_distributed_sync", "1"));
            long onCh1 = count(ch1, "SELECT count() FROM events_local");
            long onCh2 = count(ch2, "SELECT count() FROM events_local");
            assertThat(onCh1).isPositive();
            assertThat(onCh2).isPositive();
            assertThat(onCh1 + onCh2).isEqualTo(100);
            assertThat(count(ch2, "SELECT count() FROM events")).isEqualTo(100);

            // verify and generate agree from the other host
            assertThat(Verifier.verify(MigrationInput.load(files), SchemaScanner.scan(scan(FIXTURES, ch2.version())).infraMap(), ch2,
                    false, MooseLog.silent()).status()).isEqualTo(Verifier.Status.PLAN_APPLIED);
            MigrationFiles again = new MigrationFiles(dir.resolve("again"));
            assertThat(generate(ch2, FIXTURES, again).plan().isEmpty()).isTrue();
        }
    }

    @Test
    void aColumnAddedByHandOnOneReplicaIsDriftNamingThatHost(@TempDir Path dir) {
        try (LocalCluster.ClusterDatabase db = cluster.createDatabase("drift");
             ClickHouseConnection ch1 = db.connect(0); ClickHouseConnection ch2 = db.connect(1)) {
            MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
            generate(ch1, FIXTURES, files);
            migrate(ch1, files, FIXTURES, OPTIONS);

            // (on a Replicated table ClickHouse replicates an ALTER itself: one host alone drifts on the others)
            ch2.execute("ALTER TABLE events_local ADD COLUMN note String"); // on ch2 only
            String ch2Host = "host 127.0.0.1:" + cluster.node(1).tcpPort();
            assertThatThrownBy(() -> generate(ch1, FIXTURES, new MigrationFiles(dir.resolve("next"))))
                    .isInstanceOf(CheckFailedException.class)
                    .satisfies(e -> assertThat(((CheckFailedException) e).check()).isEqualTo(CheckFailedException.Check.HOST_DRIFT))
                    .hasMessageContaining(ch2Host + " (shard 2, replica 1): table events_local: column note")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("host 127.0.0.1:" + cluster.node(0).tcpPort()));
            assertThat(new MigrationFiles(dir.resolve("next")).exist()).isFalse();
            assertThatThrownBy(() -> Verifier.verify(MigrationInput.load(files), SchemaScanner.scan(scan(FIXTURES, ch1.version())).infraMap(),
                    ch1, false, MooseLog.silent())).hasMessageContaining(ch2Host);
            // migrate refuses too, and changes nothing
            long journalRows = count(ch1, "SELECT count() FROM _moose_migrations");
            assertThatThrownBy(() -> migrate(ch1, files, FIXTURES, OPTIONS)).hasMessageContaining(ch2Host);
            assertThat(count(ch1, "SELECT count() FROM system.columns WHERE database = currentDatabase() AND table = 'events_local' "
                    + "AND name = 'note'")).isZero();
            assertThat(count(ch1, "SELECT count() FROM _moose_migrations")).isEqualTo(journalRows);
        }
    }

    @Test
    void twoMigratorsOnDifferentHostsNeverRunAtOnce(@TempDir Path dir) throws Exception {
        try (LocalCluster.ClusterDatabase db = cluster.createDatabase("lock");
             ClickHouseConnection ch1 = db.connect(0); ClickHouseConnection ch2 = db.connect(1)) {
            MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
            generate(ch1, FIXTURES, files);
            AtomicReference<Throwable> second = new AtomicReference<>();
            Migrator.Options first = OPTIONS.toBuilder().listener(new Migrator.Listener() {
                private boolean started;

                @Override
                public void beforeStatement(int operation, int statement, String sql) {
                    if (!started) {
                        started = true;
                        // while the first holds the lock (connected to ch1), a second run connected to ch2
                        try {
                            migrate(ch2, files, FIXTURES, OPTIONS.toBuilder().lockTimeout(Duration.ofSeconds(2)).build());
                        } catch (MooseException e) {
                            second.set(e);
                        }
                    }
                }
            }).build();
            assertThat(migrate(ch1, files, FIXTURES, first).outcome()).isEqualTo(Migrator.Outcome.APPLIED);
            assertThat(second.get()).isNotNull().hasMessageContaining("Another migration is running");
            // the journal holds one run only
            awaitThat("the journal on ch2", () -> count(ch2, "SELECT count() FROM _moose_migrations") > 0);
            assertThat(count(ch2, "SELECT uniqExact(run_id) FROM _moose_migrations")).isEqualTo(1);
            assertThat(count(ch1, "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE '\\\\_moose\\\\_lock%'"))
                    .isZero();
        }
    }

    @Test
    void aMigrationKilledMidPlanResumesOnTheCluster(@TempDir Path dir) throws Exception {
        try (LocalCluster.ClusterDatabase db = cluster.createDatabase("killed");
             ClickHouseConnection ch1 = db.connect(0); ClickHouseConnection ch2 = db.connect(1)) {
            MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
            int statements = generate(ch1, FIXTURES, files).plan().operations().size();
            // stopped before the third operation's statement, by SIGKILL; resumed from the other host
            try (ChildJvm child = new ChildJvm(KilledChild.class, db.url(0), files.directory().toString(), "2")) {
                child.await("AT ");
                child.kill();
            }
            assertThat(count(ch1, "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = '_moose_lock'"))
                    .isOne();
            Migrator.Result r = migrate(ch2, files, FIXTURES, OPTIONS.toBuilder().lockTtl(Duration.ofSeconds(3)).build());
            assertThat(r.outcome()).isEqualTo(Migrator.Outcome.RESUMED);
            assertThat(r.from()).isEqualTo(2);
            assertThat(r.executed()).isEqualTo(statements - 2);
            for (ClickHouseConnection c : List.of(ch1, ch2)) {
                assertThat(c.query("SELECT name FROM system.tables WHERE database = currentDatabase() AND name NOT LIKE '\\\\_moose%' "
                        + "ORDER BY name", row -> row.getString(1)))
                        .containsExactly("customer_totals", "customer_totals_mv", "events", "events_local", "orders");
            }
            assertThat(generate(ch1, FIXTURES, new MigrationFiles(dir.resolve("again"))).plan().isEmpty()).isTrue();
        }
    }

    /** Runs migrate and, just before operation {@code args[2]} sends its first statement, says so and waits to be killed. */
    public static final class KilledChild {
        public static void main(String[] args) throws Exception {
            int stopAt = Integer.parseInt(args[2]);
            try (ClickHouseConnection c = ClickHouseConnection.open(ConnectionSettings.parse(args[0]))) {
                MigrationFiles files = new MigrationFiles(Path.of(args[1]));
                migrate(c, files, FIXTURES, OPTIONS.toBuilder().lockTtl(Duration.ofSeconds(3)).listener(new Migrator.Listener() {
                    @Override
                    public void beforeStatement(int operation, int statement, String sql) {
                        if (operation == stopAt) {
                            System.out.println("AT " + operation);
                            System.out.flush();
                            try {
                                System.in.read(); // the parent never writes: this blocks until the SIGKILL
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    }
                }).build());
                System.out.println("FINISHED");
            }
        }
    }

    /**
     * The fixtures migrated, 30 rows of kind 'one' in the first shard's events_local and 20 of kind 'two' in the
     * second's; then the plan to the code of {@code next}, generated.
     */
    private static MigrationFiles migratedWithRowsOnBothShards(ClickHouseConnection ch1, ClickHouseConnection ch2, Path dir, String next) {
        MigrationFiles first = new MigrationFiles(dir.resolve("first"));
        generate(ch1, FIXTURES, first);
        migrate(ch1, first, FIXTURES, OPTIONS);
        ch1.execute("INSERT INTO events_local (id, kind) SELECT number, 'one' FROM system.numbers LIMIT 30");
        ch2.execute("INSERT INTO events_local (id, kind) SELECT number + 1000, 'two' FROM system.numbers LIMIT 20");
        MigrationFiles second = new MigrationFiles(dir.resolve("second"));
        generate(ch1, next, second);
        return second;
    }

    @Test
    void aRebuildOnTwoShardsKeepsEveryRowOfBoth(@TempDir Path dir) {
        try (LocalCluster.ClusterDatabase db = cluster.createDatabase("rebuild");
             ClickHouseConnection ch1 = db.connect(0); ClickHouseConnection ch2 = db.connect(1)) {
            MigrationFiles second = migratedWithRowsOnBothShards(ch1, ch2, dir, REBUILT);
            List<Operation> ops = MigrationInput.load(second).plan().operations();
            assertThat(ops).singleElement().isInstanceOf(RebuildTable.class);
            assertThat(migrate(ch1, second, REBUILT, OPTIONS).outcome()).isEqualTo(Migrator.Outcome.APPLIED);

            assertThat(count(ch1, "SELECT count() FROM events_local WHERE kind = 'one'")).isEqualTo(30);
            assertThat(count(ch1, "SELECT count() FROM events_local WHERE kind = 'two'")).isZero();
            assertThat(count(ch2, "SELECT count() FROM events_local WHERE kind = 'two'")).isEqualTo(20);
            assertThat(count(ch2, "SELECT count() FROM events_local WHERE kind = 'one'")).isZero();
            for (ClickHouseConnection c : List.of(ch1, ch2)) {
                assertThat(c.queryString("SELECT sorting_key FROM system.tables WHERE database = currentDatabase() AND name = 'events_local'"))
                        .hasValue("kind, id");
                assertThat(count(c, "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE '%\\\\_\\\\_moose\\\\_%'"))
                        .isZero();
            }
            assertThat(count(ch2, "SELECT count() FROM events")).isEqualTo(50);
        }
    }

    @Test
    void aViewAddedOverShardsIsBackfilledOnEachShardFromItsOwnRows(@TempDir Path dir) {
        try (LocalCluster.ClusterDatabase db = cluster.createDatabase("backfill");
             ClickHouseConnection ch1 = db.connect(0); ClickHouseConnection ch2 = db.connect(1)) {
            MigrationFiles second = migratedWithRowsOnBothShards(ch1, ch2, dir, BACKFILLED);
            assertThat(MigrationInput.load(second).plan().operations()).extracting(Operation::name)
                    .containsExactly("CreateTable", "CreateMaterializedView", "PopulateMaterializedView");
            assertThat(migrate(ch1, second, BACKFILLED, OPTIONS).outcome()).isEqualTo(Migrator.Outcome.APPLIED);
            assertThat(ch1.query("SELECT kind, sum(n) FROM kind_counts GROUP BY kind", r -> r.getString(1) + "=" + r.getString(2)))
                    .containsExactly("one=30");
            assertThat(ch2.query("SELECT kind, sum(n) FROM kind_counts GROUP BY kind", r -> r.getString(1) + "=" + r.getString(2)))
                    .containsExactly("two=20");
        }
    }

    @Test
    void theKeeperPathArgumentsAreNeededWhereTheCapabilityTableSays() {
        try (LocalCluster.ClusterDatabase db = cluster.createDatabase("keeper"); ClickHouseConnection ch1 = db.connect(0)) {
            boolean hasDefaults = dev.moose.core.version.Capabilities.of(ch1.version())
                    .has(dev.moose.core.version.Feature.REPLICATED_DEFAULT_ARGUMENTS);
            boolean ran;
            try {
                ch1.execute("CREATE TABLE bare (x UInt8) ENGINE = ReplicatedMergeTree ORDER BY x");
                ran = true;
            } catch (dev.moose.core.server.ClickHouseException e) {
                assertThat(e.getMessage()).contains("ZooKeeper");
                ran = false;
            }
            assertThat(ran).isEqualTo(hasDefaults);
        }
    }

    private static void signal(long pid, String signal) {
        try {
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHostThatDoesNotFinishInTimeIsNamedAndRunsTheStatementWhenBack(@TempDir Path dir) {
        try (LocalCluster.ClusterDatabase db = cluster.createDatabase("stalled");
             ClickHouseConnection ch1 = db.connect(0); ClickHouseConnection ch2 = db.connect(1)) {
            MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
            generate(ch1, FIXTURES, files);
            long pid = cluster.node(1).server().pid();
            signal(pid, "STOP");
            try {
                assertThatThrownBy(() -> migrate(ch1, files, FIXTURES, OPTIONS.toBuilder().clusterDdlTimeout(Duration.ofSeconds(2)).build()))
                        .hasMessageContaining("Not every host of the cluster ran the statement within 2 s: not finished on 127.0.0.1:"
                                + cluster.node(1).tcpPort())
                        .hasMessageContaining("those hosts run it when they are back");
            } finally {
                signal(pid, "CONT");
            }
            // the queued statement runs on the host once it is back
            awaitThat("the lock table on ch2", () -> count(ch2, "SELECT count() FROM system.tables WHERE database = currentDatabase() "
                    + "AND name = '_moose_lock'") == 1);
        }
    }

    @Test
    void aHostThatRefusesAStatementIsNamedWithItsError() {
        try (LocalCluster.ClusterDatabase db = cluster.createDatabase("refused");
             ClickHouseConnection ch1 = db.connect(0); ClickHouseConnection ch2 = db.connect(1)) {
            // (migrate finds such a table first, as drift: this is the statement on its own)
            ch2.execute("CREATE TABLE made_by_hand (id UInt8) ENGINE = Memory");
            assertThatThrownBy(() -> dev.moose.core.internal.execute.PlanStatements.execute(ch1, "CREATE TABLE made_by_hand "
                    + "ON CLUSTER `two_shards` (id UInt8) ENGINE = Memory", null, Duration.ofSeconds(30)))
                    .hasMessageContaining("There was an error on [127.0.0.1:" + cluster.node(1).tcpPort() + "]")
                    .hasMessageContaining("already exists");
        }
    }

    @Test
    void settingsThatDoNotTravelWithOnClusterStatementsAreExplained() {
        try (LocalCluster.ClusterDatabase db = cluster.createDatabase("settings"); ClickHouseConnection ch1 = db.connect(0)) {
            org.junit.jupiter.api.Assumptions.assumeTrue(ch1.serverSettings().containsKey("allow_experimental_low_cardinality_type"),
                    "a server whose LowCardinality needs a setting");
            assertThatThrownBy(() -> dev.moose.core.internal.execute.PlanStatements.execute(ch1, "CREATE TABLE lc ON CLUSTER `two_shards` "
                    + "(c LowCardinality(String)) ENGINE = Memory", null, Duration.ofSeconds(30)))
                    .hasMessageContaining("the setting allow_experimental_low_cardinality_type this connection sends does not travel")
                    .hasMessageContaining("<profiles><default><allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type>");
        }
    }
}
