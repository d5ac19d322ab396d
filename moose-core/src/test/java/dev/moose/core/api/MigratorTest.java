package dev.moose.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.internal.bookkeeping.Journal;
import dev.moose.core.internal.bookkeeping.MigrationLock;
import dev.moose.core.internal.diff.Differ;
import dev.moose.core.internal.introspect.Introspector;
import dev.moose.core.internal.introspect.RemoteSchema;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableEngine;
import dev.moose.core.model.View;
import dev.moose.core.plan.AddTableColumn;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.RawSql;
import dev.moose.core.plan.RebuildTable;
import dev.moose.core.plan.RenameTableColumn;
import dev.moose.core.plan.TableRef;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestDatabase;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

class MigratorTest {

    public static final Migrator.Options FAST = Migrator.Options.builder().lockTimeout(Duration.ofSeconds(10)).build();

    /** What generate would write for {@code code} against this database, in memory. */
    static MigrationInput generate(ClickHouseConnection c, InfraMap code) {
        RemoteSchema remote = Introspector.introspect(c, code.namedDatabases());
        InfraMap remoteState = remote.relevantTo(code);
        Differ.Result d = Differ.diff(remoteState, code, new Differ.Options(Capabilities.of(c.version()), remote.databases(),
                remote.everything().tables().keySet()));
        return new MigrationInput(MigrationPlan.of(d.operations()), remoteState, code, Optional.of(c.version()),
                Optional.of(c.version()), "migrations", remote.unmanaged(code));
    }

    /** {@code in} with {@code op} appended to its plan. */
    static MigrationInput withOperation(MigrationInput in, Operation op) {
        return withOperation(in, in.plan().operations().size(), op);
    }

    /** {@code in} with {@code op} inserted at {@code index} of its plan. */
    static MigrationInput withOperation(MigrationInput in, int index, Operation op) {
        List<Operation> ops = new ArrayList<>(in.plan().operations());
        ops.add(index, op);
        return withPlan(in, ops);
    }

    static MigrationInput withPlan(MigrationInput in, List<Operation> ops) {
        return new MigrationInput(MigrationPlan.of(ops), in.remoteState(), in.localInfraMap(), in.typesMappedFor(),
                in.generatedAgainst(), in.source(), in.unmanaged());
    }

    /** Everything a check must leave untouched. */
    static List<String> snapshot(TestDatabase db) {
        List<String> s = new ArrayList<>(db.tables());
        s.addAll(db.connection().query("SELECT table, name, type, default_kind, default_expression FROM system.columns WHERE database = '"
                + db.name() + "'", rs -> rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                + rs.getString(5)));
        return s;
    }

    static Table events() {
        return Table.builder("events").column("id", "UInt64").column("name", "String").orderBy("id").build();
    }

    static InfraMap v1() {
        return InfraMap.ofTables(events());
    }

    static InfraMap v2() {
        return InfraMap.of(List.of(events().toBuilder().column("status", "String").build(),
                        Table.builder("sessions").column("id", "UInt64").orderBy("id").build()), List.of(),
                List.of(new View("named", null, "SELECT id, name FROM events", null)), List.of());
    }

    static void migrateTo(TestDatabase db, InfraMap code) {
        MigrationInput in = generate(db.connection(), code);
        Migrator.migrate(db.connection(), in, code, FAST, MooseLog.silent());
    }

    @ClickHouseTest
    void appliesThePlanRecordsItAndThenHasNothingToDo(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        Migrator.Result r = Migrator.migrate(db.connection(), in, v2(), FAST, MooseLog.silent());
        assertThat(r.outcome()).isEqualTo(Migrator.Outcome.APPLIED);
        assertThat(r.executed()).isEqualTo(3);
        assertThat(r.remainingDifferences()).isEmpty();
        assertThat(new Journal(db.connection()).lastRun().completed()).isTrue();
        assertThat(db.tables()).contains("events MergeTree", "sessions MergeTree", "named View", "_moose_migrations MergeTree")
                .doesNotContain("_moose_lock MergeTree");
        Migrator.Result again = Migrator.migrate(db.connection(), in, v2(), FAST, MooseLog.silent());
        assertThat(again.outcome()).isEqualTo(Migrator.Outcome.ALREADY_AT_TARGET);
        assertThat(again.executed()).isZero();
    }

    @ClickHouseTest
    void unmanagedObjectsAreDriftOnlyWhereTheyNameAManagedTable(TestDatabase db) {
        migrateTo(db, v1());
        db.execute("CREATE VIEW reader AS SELECT id FROM events");
        MigrationInput in = generate(db.connection(), v2());
        assertThat(in.unmanaged()).hasEntrySatisfying("view reader",
                v -> assertThat(v).startsWith("not declared in the code; refers to managed table events (definition "));
        String dropView = Capabilities.of(db.connection().version()).has(Feature.DROP_VIEW) ? "DROP VIEW " : "DROP TABLE ";

        // objects that name no managed table come and go freely; one that reads a managed table changed: refused
        db.execute("CREATE TABLE someone_elses (x UInt8) ENGINE = Memory", dropView + "reader",
                "CREATE VIEW reader AS SELECT id, name FROM events");
        List<String> before = snapshot(db);
        CheckFailedException changed = catchThrowableOfType(CheckFailedException.class,
                () -> Migrator.migrate(db.connection(), in, v2(), FAST, MooseLog.silent()));
        assertThat(changed.check()).isEqualTo(CheckFailedException.Check.REMOTE_DRIFT);
        assertThat(changed.details()).singleElement().asString().startsWith("view reader changed: it refers to managed table events");
        assertThat(snapshot(db)).isEqualTo(before);

        // put back as it was, then a materialized view writing into a managed table appears: refused
        db.execute(dropView + "reader", "CREATE VIEW reader AS SELECT id FROM events",
                "CREATE MATERIALIZED VIEW feeder TO events AS SELECT toUInt64(number) AS id, 'x' AS name FROM system.numbers LIMIT 0");
        CheckFailedException appeared = catchThrowableOfType(CheckFailedException.class,
                () -> Migrator.migrate(db.connection(), in, v2(), FAST, MooseLog.silent()));
        assertThat(appeared.details()).singleElement().asString()
                .startsWith("materialized view feeder appeared and refers to managed table events");

        // gone again: the plan runs, with someone_elses left alone
        db.execute(dropView + "feeder");
        assertThat(Migrator.migrate(db.connection(), in, v2(), FAST, MooseLog.silent()).outcome()).isEqualTo(Migrator.Outcome.APPLIED);
        assertThat(db.tables()).contains("someone_elses Memory", "reader View");
    }

    @ClickHouseTest
    void aRegistryRowThatCannotBeReadFailsClosed(TestDatabase db) {
        migrateTo(db, v1());
        db.execute("INSERT INTO _moose_state (kind, key, definition, deleted, version) "
                + "VALUES ('table', 'events', 'NO_SUCH_LIFE_CYCLE', 0, 4000000000000000000)");
        RemoteSchema remote = Introspector.introspect(db.connection(), Set.of());
        assertThat(remote.registry().problems()).singleElement().asString()
                .contains("the row (table, events) of _moose_state").contains("'NO_SUCH_LIFE_CYCLE'").contains("never dropped");
        InfraMap other = InfraMap.ofTables(Table.builder("sessions").column("id", "UInt64").orderBy("id").build());
        MigrationInput in = generate(db.connection(), other);
        assertThat(in.plan().operations()).noneMatch(Operation::isDestructive);
        // the plan keeps the table the code no longer declares (it cannot reach a state without it)
        Migrator.migrate(db.connection(), in, other, FAST.toBuilder().skipPlanValidation(true).build(), MooseLog.silent());
        assertThat(db.tables()).contains("events MergeTree", "sessions MergeTree");
    }

    @ClickHouseTest
    void runsAndRegistryVersionsAreOrderedByTheDatabaseNotByAClientsClock(TestDatabase db) {
        migrateTo(db, v1());
        // a run from a machine whose clock was 10 minutes ahead, as the journal and registry used to record it
        long ahead = (System.currentTimeMillis() + 600_000) * 1000;
        db.execute("INSERT INTO _moose_migrations (run_id, plan_checksum, op_index, op_checksum, op_name, status, statements_done, "
                        + "error, at, seq) VALUES ('fast-clock-run', 'x', 0, 'x', 'CreateTable', 'completed', 0, '', 0, " + ahead + ")",
                "INSERT INTO _moose_state (kind, key, definition, deleted, version) VALUES ('table', 'events', 'FULLY_MANAGED', 0, "
                        + ahead + ")");
        MigrationInput in = generate(db.connection(), v2());
        MigrationInput failing = withOperation(in, 1, new RawSql(List.of("INSERT INTO no_such_table VALUES (1)"), "fails"));
        catchThrowableOfType(MooseException.class, () -> Migrator.migrate(db.connection(), failing, v2(), FAST, MooseLog.silent()));
        Journal.Run last = new Journal(db.connection()).lastRun();
        assertThat(last.runId()).isNotEqualTo("fast-clock-run");
        assertThat(last.operations().get(1).status()).isEqualTo("failed");
        // resumes from this run's record, and the registry's newest rows are this run's
        assertThat(Migrator.migrate(db.connection(), in, v2(), FAST, MooseLog.silent()).outcome()).isEqualTo(Migrator.Outcome.RESUMED);
        assertThat(db.connection().queryLong("SELECT count() FROM _moose_state FINAL WHERE kind = 'table' AND key = 'sessions' "
                + "AND deleted = 0")).isEqualTo(1);
    }

    @ClickHouseTest
    void aRawSqlStartedByARunThatStoppedIsNotRunAgainUnlessAsked(TestDatabase db) {
        migrateTo(db, v1());
        db.execute("CREATE TABLE seeded (n UInt32) ENGINE = MergeTree ORDER BY n");
        MigrationInput in = generate(db.connection(), v2());
        MigrationInput plan = withOperation(in, 0, new RawSql(List.of("INSERT INTO seeded VALUES (1)"), "seed once"));
        // a run recorded the RawSql as started, then stopped (killed) before recording its end
        Journal journal = new Journal(db.connection());
        journal.ensureTable();
        journal.write("killed-run", plan.plan().checksum(), List.of(Journal.Entry.of(plan.plan(), 0, "started", 0, null)));
        List<String> before = snapshot(db);
        CheckFailedException e = catchThrowableOfType(CheckFailedException.class,
                () -> Migrator.migrate(db.connection(), plan, v2(), FAST, MooseLog.silent()));
        assertThat(e.check()).isEqualTo(CheckFailedException.Check.INTERRUPTED_OPERATION);
        assertThat(e.getMessage()).contains("Operation 1 (RawSql: seed once) was interrupted: a run stopped while sending its "
                + "statement 1 of 1").contains("Options.builder().rerunInterrupted(true)");
        assertThat(e.details()).containsExactly("statement 1 (may have run): INSERT INTO seeded VALUES (1)");
        assertThat(snapshot(db)).isEqualTo(before);
        assertThat(db.connection().queryLong("SELECT count() FROM seeded")).isZero();

        // checked that it did not run: asked to run it again, the plan finishes and it ran exactly once
        assertThat(Migrator.migrate(db.connection(), plan, v2(), FAST.toBuilder().rerunInterrupted(true).build(), MooseLog.silent()).outcome())
                .isEqualTo(Migrator.Outcome.APPLIED);
        assertThat(db.connection().queryLong("SELECT count() FROM seeded")).isEqualTo(1);
        assertThat(Migrator.migrate(db.connection(), plan, v2(), FAST, MooseLog.silent()).outcome())
                .isEqualTo(Migrator.Outcome.ALREADY_AT_TARGET);
        assertThat(db.connection().queryLong("SELECT count() FROM seeded")).isEqualTo(1);
    }

    @ClickHouseTest
    void credentialsComeFromTheEnvironmentOfTheRunAndStayOutOfEverythingWritten(TestDatabase db) {
        migrateTo(db, v1());
        db.execute("CREATE TABLE seeded (token String) ENGINE = MergeTree ORDER BY token");
        MigrationInput in = generate(db.connection(), v2());
        MigrationInput plan = withOperation(in, new RawSql(List.of("INSERT INTO seeded VALUES ('${env:MOOSE_TEST_TOKEN}')"),
                "seed the token"));
        String secret = "tok-" + java.util.UUID.randomUUID();

        // not set: refused before anything runs, naming the variable
        db.connection().useEnvironment(name -> null);
        List<String> before = snapshot(db);
        MooseException missing = catchThrowableOfType(MooseException.class,
                () -> Migrator.migrate(db.connection(), plan, v2(), FAST, MooseLog.silent()));
        assertThat(missing.getMessage()).contains("The environment variable MOOSE_TEST_TOKEN is not set").contains("Nothing was run");
        assertThat(snapshot(db)).isEqualTo(before);

        // set: resolved when the statement is sent; the plan and the journal keep the reference only
        db.connection().useEnvironment(name -> name.equals("MOOSE_TEST_TOKEN") ? secret : null);
        List<String> logged = new ArrayList<>();
        assertThat(Migrator.migrate(db.connection(), plan, v2(), FAST, capture(logged)).outcome()).isEqualTo(Migrator.Outcome.APPLIED);
        assertThat(db.connection().queryString("SELECT token FROM seeded")).hasValue(secret);
        assertThat(plan.plan().toYaml()).contains("${env:MOOSE_TEST_TOKEN}").doesNotContain(secret);
        assertThat(logged).noneMatch(l -> l.contains(secret));
        assertThat(db.connection().query("SELECT error FROM _moose_migrations", r -> r.getString(1))).noneMatch(e -> e.contains(secret));
        // a failing statement that carried it: the message shows the reference, and no value
        MooseException failed = catchThrowableOfType(MooseException.class,
                () -> db.connection().execute("INSERT INTO no_such_table VALUES ('${env:MOOSE_TEST_TOKEN}')"));
        assertThat(failed.getMessage()).contains("${env:MOOSE_TEST_TOKEN}").doesNotContain(secret);
    }

    @ClickHouseTest
    void aRebuildStoppedBetweenItsSwapAndItsDropIsFinishedExactly(TestDatabase db) {
        migrateTo(db, v1());
        db.execute("INSERT INTO events VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        InfraMap reordered = InfraMap.ofTables(events().toBuilder().orderBy("name", "id").build());
        MigrationInput in = generate(db.connection(), reordered);
        assertThat(in.plan().operations()).extracting(Operation::name).containsExactly("RebuildTable");
        // a run killed right after the swap: every statement but the final drop ran
        List<String> sql = Preflight.render(in.plan(), in.remoteState(), db.connection().version()).get(0);
        assertThat(sql.get(sql.size() - 1)).startsWith("DROP TABLE");
        sql.subList(0, sql.size() - 1).forEach(db::execute);
        assertThat(db.tables()).contains("events__moose_old MergeTree");

        List<String> logged = new ArrayList<>();
        Migrator.Result r = Migrator.migrate(db.connection(), in, reordered, FAST, capture(logged));
        assertThat(r.outcome()).isEqualTo(Migrator.Outcome.ALREADY_AT_TARGET);
        assertThat(db.tables()).noneMatch(t -> t.startsWith("events__moose"));
        assertThat(logged).anyMatch(l -> l.contains("Finished operation 1, which a stopped run left part-done: DROP TABLE `events__moose_old`"));
        assertThat(db.connection().query("SELECT id FROM events ORDER BY id", row -> row.getLong(1))).containsExactly(1L, 2L, 3L);
    }

    @ClickHouseTest
    void anIndexAddedByARunThatStoppedBeforeMaterializingIsMaterialized(TestDatabase db) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Capabilities.of(db.connection().version()).has(Feature.MATERIALIZE_INDEX),
                "MATERIALIZE INDEX arrived in 19.14");
        migrateTo(db, v1());
        db.execute("INSERT INTO events VALUES (1, 'one'), (2, 'two')");
        InfraMap indexed = InfraMap.ofTables(events().toBuilder()
                .indexes(List.of(new dev.moose.core.model.TableIndex("by_name", "name", "bloom_filter(0.01)", 1))).build());
        MigrationInput in = generate(db.connection(), indexed);
        assertThat(in.plan().operations()).extracting(Operation::name).containsExactly("AddTableIndex");
        List<String> sql = Preflight.render(in.plan(), in.remoteState(), db.connection().version()).get(0);
        assertThat(sql).hasSize(2);
        assertThat(sql.get(1)).contains("MATERIALIZE INDEX");
        // a run recorded the operation started, ran ADD INDEX, and was killed before MATERIALIZE
        Journal journal = new Journal(db.connection());
        journal.ensureTable();
        journal.write("killed-run", in.plan().checksum(), List.of(Journal.Entry.of(in.plan(), 0, "started", 0, null)));
        db.execute(sql.get(0));
        long materializations = db.connection().queryLong("SELECT count() FROM system.mutations WHERE database = currentDatabase() "
                + "AND command LIKE '%MATERIALIZE INDEX%'");

        List<String> logged = new ArrayList<>();
        assertThat(Migrator.migrate(db.connection(), in, indexed, FAST, capture(logged)).outcome())
                .isEqualTo(Migrator.Outcome.ALREADY_AT_TARGET);
        assertThat(logged).anyMatch(l -> l.startsWith("Finished operation 1 (") && l.contains("MATERIALIZE INDEX"));
        assertThat(db.connection().queryLong("SELECT count() FROM system.mutations WHERE database = currentDatabase() "
                + "AND command LIKE '%MATERIALIZE INDEX%' AND is_done = 1")).isEqualTo(materializations + 1);
        assertThat(new Journal(db.connection()).lastRun().completed()).isTrue();
        // once finished, never again
        Migrator.migrate(db.connection(), in, indexed, FAST, MooseLog.silent());
        assertThat(db.connection().queryLong("SELECT count() FROM system.mutations WHERE database = currentDatabase() "
                + "AND command LIKE '%MATERIALIZE INDEX%'")).isEqualTo(materializations + 1);
    }

    @ClickHouseTest
    void refusesWhenAColumnWasAddedByHand(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        db.execute("ALTER TABLE events ADD COLUMN added_by_hand String");
        List<String> before = snapshot(db);
        CheckFailedException e = catchThrowableOfType(CheckFailedException.class,
                () -> Migrator.migrate(db.connection(), in, v2(), FAST, MooseLog.silent()));
        assertThat(e.check()).isEqualTo(CheckFailedException.Check.REMOTE_DRIFT);
        assertThat(e.details()).containsExactly("table events: column added_by_hand added (String)");
        assertThat(e.getMessage()).contains("matches neither migrations/remote_state.json").contains("Generator.run(…)");
        assertThat(snapshot(db)).isEqualTo(before);
    }

    @ClickHouseTest
    void refusesWhenATableWasDroppedByHand(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        db.execute("DROP TABLE events");
        List<String> before = snapshot(db);
        CheckFailedException e = catchThrowableOfType(CheckFailedException.class,
                () -> Migrator.migrate(db.connection(), in, v2(), FAST, MooseLog.silent()));
        assertThat(e.check()).isEqualTo(CheckFailedException.Check.REMOTE_DRIFT);
        assertThat(e.details()).containsExactly("table events: missing");
        assertThat(snapshot(db)).isEqualTo(before);
    }

    @ClickHouseTest
    void refusesWhenTheCodeChangedAfterGenerate(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        InfraMap changed = v2().withTable(events().toBuilder().column("status", "LowCardinality(String)").build());
        List<String> before = snapshot(db);
        CheckFailedException e = catchThrowableOfType(CheckFailedException.class,
                () -> Migrator.migrate(db.connection(), in, changed, FAST, MooseLog.silent()));
        assertThat(e.check()).isEqualTo(CheckFailedException.Check.CODE_DRIFT);
        assertThat(e.details()).containsExactly("table events: column status changed: String -> LowCardinality(String)");
        assertThat(e.getMessage()).contains("The code changed since the plan was generated").contains("Run Generator.run(…) to make a plan");
        assertThat(snapshot(db)).isEqualTo(before);
    }

    @ClickHouseTest
    void refusesAHandEditedPlanThatDoesNotReachTheCode(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        List<Operation> edited = new ArrayList<>(in.plan().operations());
        edited.removeIf(op -> op instanceof AddTableColumn);
        List<String> before = snapshot(db);
        CheckFailedException e = catchThrowableOfType(CheckFailedException.class,
                () -> Migrator.migrate(db.connection(), withPlan(in, edited), v2(), FAST, MooseLog.silent()));
        assertThat(e.check()).isEqualTo(CheckFailedException.Check.PLAN_VALIDATION);
        assertThat(e.details()).containsExactly("first difference: table events: column status removed (String)");
        assertThat(snapshot(db)).isEqualTo(before);
    }

    @ClickHouseTest
    void reportsRawSqlAsUncheckedAndAcceptsItWhenTheRestReachesTheCode(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        MigrationInput backfilled = withOperation(in, new RawSql(List.of("INSERT INTO events (id, name) VALUES (1, 'backfilled')"),
                "Backfill one row"));
        Migrator.Result r = Migrator.migrate(db.connection(), backfilled, v2(), FAST, MooseLog.silent());
        assertThat(r.unchecked()).containsExactly("operation 4 (RawSql): Backfill one row");
        assertThat(db.connection().queryLong("SELECT count() FROM events")).isEqualTo(1);
    }

    @ClickHouseTest
    void refusesAnOperationTheServerCannotRun(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v1().withTable(events().toBuilder().column("x", "UInt8").build()));
        Table before = events();
        Table fixedPath = before.toBuilder().engine(TableEngine.of("ReplicatedMergeTree", "'/fixed/path'", "'{replica}'")).build();
        List<Operation> ops = new ArrayList<>(in.plan().operations());
        ops.add(new RebuildTable(fixedPath, fixedPath.toBuilder().orderBy("id", "name").build(), true));
        boolean old = !Capabilities.of(db.connection().version()).has(Feature.RENAME_COLUMN);
        if (old) {
            ops.add(new RenameTableColumn(TableRef.of("events"), "x", "y"));
        }
        List<String> snapshotBefore = snapshot(db);
        CheckFailedException e = catchThrowableOfType(CheckFailedException.class,
                () -> Migrator.migrate(db.connection(), withPlan(in, ops), null, FAST.toBuilder().skipPlanValidation(true).build(), MooseLog.silent()));
        assertThat(e.check()).isEqualTo(CheckFailedException.Check.CAPABILITIES);
        assertThat(e.getMessage()).contains("The plan cannot run on this server, ClickHouse " + db.connection().version());
        assertThat(e.details()).anyMatch(d -> d.startsWith("operation 2 RebuildTable: cannot rebuild events beside itself"));
        if (old) {
            assertThat(e.details()).anyMatch(d -> d.equals("operation 3 RenameTableColumn (rename column x of events to y) needs "
                    + "ALTER TABLE … RENAME COLUMN, which arrived in ClickHouse 20.4"));
        }
        assertThat(snapshot(db)).isEqualTo(snapshotBefore);
    }

    @ClickHouseTest
    void aDryRunPrintsTheStatementsAndRunsNothing(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        List<String> before = snapshot(db);
        List<String> logged = new ArrayList<>();
        Migrator.Result r = Migrator.migrate(db.connection(), in, v2(), FAST.toBuilder().dryRun(true).build(), capture(logged));
        assertThat(r.outcome()).isEqualTo(Migrator.Outcome.DRY_RUN);
        assertThat(r.statements()).hasSize(3).anyMatch(s -> s.startsWith("ALTER TABLE `events` ADD COLUMN `status` String"));
        assertThat(logged).contains("[1/3] " + in.plan().operations().get(0).describe());
        assertThat(snapshot(db)).isEqualTo(before);
    }

    @ClickHouseTest
    void aStatementFailingAtOperationKResumesAtK(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        MigrationInput plan = withOperation(in, 1,
                new RawSql(List.of("INSERT INTO events (id, name) SELECT id, 'copied' FROM not_there_yet"), "copy rows"));
        MooseException failure = catchThrowableOfType(MooseException.class,
                () -> Migrator.migrate(db.connection(), plan, v2(), FAST, MooseLog.silent()));
        assertThat(failure.getMessage()).startsWith("Operation 2 of 4 (RawSql: copy rows) failed: ClickHouse error 60")
                .contains("it resumes at operation 2");
        db.execute("CREATE TABLE not_there_yet (id UInt64) ENGINE = Memory", "INSERT INTO not_there_yet VALUES (7)");
        Migrator.Result r = Migrator.migrate(db.connection(), plan, v2(), FAST, MooseLog.silent());
        assertThat(r.outcome()).isEqualTo(Migrator.Outcome.RESUMED);
        assertThat(r.from()).isEqualTo(1);
        assertThat(r.executed()).isEqualTo(3);
        assertThat(db.connection().queryLong("SELECT count() FROM events WHERE name = 'copied'")).isEqualTo(1);
        assertThat(r.remainingDifferences()).isEmpty();
    }

    @ClickHouseTest
    void aPlanFixedAfterAFailureResumesWhereItStopped(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        List<Operation> ops = new ArrayList<>(in.plan().operations());
        ops.add(1, new RawSql(List.of("INSERT INTO events (id, name) VALUES (1, 'typo"), "seed a row"));
        catchThrowableOfType(MooseException.class,
                () -> Migrator.migrate(db.connection(), withPlan(in, ops), v2(), FAST, MooseLog.silent()));
        ops.set(1, new RawSql(List.of("INSERT INTO events (id, name) VALUES (1, 'fixed')"), "seed a row"));
        Migrator.Result r = Migrator.migrate(db.connection(), withPlan(in, ops), v2(), FAST, MooseLog.silent());
        assertThat(r.outcome()).isEqualTo(Migrator.Outcome.RESUMED);
        assertThat(r.from()).isEqualTo(1);
        assertThat(db.connection().queryLong("SELECT count() FROM events")).isEqualTo(1);
    }

    @ClickHouseTest
    void twoRunsStartedTogetherExecuteOnce(TestDatabase db) throws Exception {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        MigrationInput slow = withOperation(in, 0, new RawSql(List.of("SELECT sleep(1)"), "take a second"));
        int historyBefore = new Journal(db.connection()).history().size();
        try (ClickHouseConnection a = ClickHouseConnection.open(db.settings());
             ClickHouseConnection b = ClickHouseConnection.open(db.settings())) {
            // the second run starts once the first is inside its first operation, holding the lock
            java.util.concurrent.CountDownLatch firstIsRunning = new java.util.concurrent.CountDownLatch(1);
            Migrator.Options signalling = FAST.toBuilder().listener(new Migrator.Listener() {
                @Override
                public void beforeOperation(int index, int total, dev.moose.core.plan.Operation operation) {
                    firstIsRunning.countDown();
                }
            }).build();
            CompletableFuture<Migrator.Result> first = CompletableFuture.supplyAsync(
                    () -> Migrator.migrate(a, slow, v2(), signalling, MooseLog.silent()));
            CompletableFuture<Migrator.Result> second = CompletableFuture.supplyAsync(() -> {
                try {
                    assertThat(firstIsRunning.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return Migrator.migrate(b, slow, v2(), FAST, MooseLog.silent());
            });
            List<Migrator.Outcome> outcomes = List.of(first.get().outcome(), second.get().outcome());
            assertThat(outcomes).containsExactlyInAnyOrder(Migrator.Outcome.APPLIED, Migrator.Outcome.ALREADY_AT_TARGET);
        }
        List<String> history = new Journal(db.connection()).history();
        assertThat(history.subList(historyBefore, history.size()).stream().filter(h -> h.endsWith(" 0 done")))
                .as("the sleeping first operation ran once").hasSize(1);
    }

    @ClickHouseTest
    void aRunThatFindsTheLockHeldFailsNamingTheHolder(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        try (MigrationLock held = MigrationLock.acquire(db.connection(), "ci-runner-7 pid 42 run abc", Duration.ofMinutes(1),
                Duration.ofSeconds(1), MooseLog.silent())) {
            MooseException e = catchThrowableOfType(MooseException.class, () -> Migrator.migrate(db.connection(), in, v2(),
                    FAST.toBuilder().lockTimeout(Duration.ofMillis(300)).build(), MooseLog.silent()));
            assertThat(e.getMessage()).contains("Another migration is running against this database")
                    .contains("held by ci-runner-7 pid 42 run abc").contains("Options.builder().lockTimeout");
            held.release(db.connection());
        }
        assertThat(Migrator.migrate(db.connection(), in, v2(), FAST, MooseLog.silent()).outcome()).isEqualTo(Migrator.Outcome.APPLIED);
    }

    @ClickHouseTest
    void aLockLeftByADeadRunExpires(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        db.execute("CREATE TABLE _moose_lock (holder String, expires_at UInt64) ENGINE = MergeTree ORDER BY tuple()",
                "INSERT INTO _moose_lock VALUES ('dead-run', " + (System.currentTimeMillis() - 1000) + ")");
        List<String> logged = new ArrayList<>();
        Migrator.Result r = Migrator.migrate(db.connection(), in, v2(), FAST, capture(logged));
        assertThat(r.outcome()).isEqualTo(Migrator.Outcome.APPLIED);
        assertThat(logged).anyMatch(l -> l.contains("The migration lock held by dead-run expired"));
        assertThat(db.tables()).noneMatch(t -> t.startsWith("_moose_lock"));
    }

    @ClickHouseTest
    void theStateAfterTheLastOperationIsComparedWithTheCode(TestDatabase db) {
        migrateTo(db, v1());
        MigrationInput in = generate(db.connection(), v2());
        List<String> logged = new ArrayList<>();
        MigrationInput surprising = withOperation(in,
                new RawSql(List.of("ALTER TABLE sessions ADD COLUMN surprise UInt8"), "a change the code does not know"));
        Migrator.Result r = Migrator.migrate(db.connection(), surprising, v2(), FAST, capture(logged));
        assertThat(r.remainingDifferences()).containsExactly("table sessions: column surprise added (UInt8)");
        assertThat(logged).contains("WARN After the plan, the database still differs from migrations/local_infra_map.json:");
    }

    static MooseLog capture(List<String> lines) {
        return new MooseLog() {
            @Override public void info(String m) { lines.add(m); }
            @Override public void warn(String m) { lines.add("WARN " + m); }
            @Override public void error(String m) { lines.add("ERROR " + m); }
            @Override public void debug(String m) { }
        };
    }
}
