package dev.moose.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;
import dev.moose.core.plan.RawSql;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestDatabase;
import java.util.List;

class VerifierTest {

    @ClickHouseTest
    void offlineChecksCodeDriftAndThePlan(TestDatabase db) {
        MigratorTest.migrateTo(db, MigratorTest.v1());
        MigrationInput in = MigratorTest.generate(db.connection(), MigratorTest.v2());
        assertThat(Verifier.verify(in, MigratorTest.v2(), null, false, MooseLog.silent()).status()).isEqualTo(Verifier.Status.NOT_CHECKED);
        CheckFailedException drift = catchThrowableOfType(CheckFailedException.class,
                () -> Verifier.verify(in, MigratorTest.v1(), null, false, MooseLog.silent()));
        assertThat(drift.check()).isEqualTo(CheckFailedException.Check.CODE_DRIFT);
    }

    @ClickHouseTest
    void theDatabaseMayBeBeforeAfterOrPartWayThroughThePlan(TestDatabase db) {
        MigratorTest.migrateTo(db, MigratorTest.v1());
        MigrationInput in = MigratorTest.generate(db.connection(), MigratorTest.v2());
        InfraMap code = MigratorTest.v2();
        assertThat(Verifier.verify(in, code, db.connection(), false, MooseLog.silent()).status())
                .isEqualTo(Verifier.Status.PLAN_NOT_APPLIED);

        MigrationInput failing = MigratorTest.withOperation(in, 2,
                new RawSql(List.of("INSERT INTO events (id, name) SELECT 1, x FROM missing"), "will fail"));
        catchThrowableOfType(MooseException.class, () -> Migrator.migrate(db.connection(), failing, code, MigratorTest.FAST, MooseLog.silent()));
        Verifier.Result partWay = Verifier.verify(failing, code, db.connection(), false, MooseLog.silent());
        assertThat(partWay.status()).isEqualTo(Verifier.Status.PLAN_PART_APPLIED);
        assertThat(partWay.appliedOperations()).isEqualTo(2);

        Migrator.migrate(db.connection(), in, code, MigratorTest.FAST, MooseLog.silent());
        assertThat(Verifier.verify(in, code, db.connection(), false, MooseLog.silent()).status()).isEqualTo(Verifier.Status.PLAN_APPLIED);
    }

    @ClickHouseTest
    void everyDeclaredDatabaseIsRead(TestDatabase db) {
        String other = db.name() + "_other";
        try {
            InfraMap code = InfraMap.ofTables(MigratorTest.events(),
                    Table.builder("elsewhere").database(other).column("id", "UInt64").orderBy("id").build());
            MigrationInput in = MigratorTest.generate(db.connection(), code);
            assertThat(Migrator.migrate(db.connection(), in, code, MigratorTest.FAST, MooseLog.silent()).outcome())
                    .isEqualTo(Migrator.Outcome.APPLIED);
            assertThat(Verifier.verify(in, code, db.connection(), false, MooseLog.silent()).status())
                    .isEqualTo(Verifier.Status.PLAN_APPLIED);
            db.execute("ALTER TABLE `" + other + "`.elsewhere ADD COLUMN by_hand String");
            CheckFailedException e = catchThrowableOfType(CheckFailedException.class,
                    () -> Verifier.verify(in, code, db.connection(), false, MooseLog.silent()));
            assertThat(e.details()).anyMatch(d -> d.contains("elsewhere") && d.contains("by_hand"));
        } finally {
            db.execute("DROP DATABASE IF EXISTS `" + other + "`");
        }
    }

    @ClickHouseTest
    void anythingElseIsDrift(TestDatabase db) {
        MigratorTest.migrateTo(db, MigratorTest.v1());
        MigrationInput in = MigratorTest.generate(db.connection(), MigratorTest.v2());
        db.execute("ALTER TABLE events DROP COLUMN name");
        CheckFailedException e = catchThrowableOfType(CheckFailedException.class,
                () -> Verifier.verify(in, MigratorTest.v2(), db.connection(), false, MooseLog.silent()));
        assertThat(e.check()).isEqualTo(CheckFailedException.Check.REMOTE_DRIFT);
        assertThat(e.details()).containsExactly("table events: column name removed (String)");
    }
}
