package dev.moose.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;
import dev.moose.core.model.View;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.RawSql;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.LocalClickHouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server stops before operation k; after a restart the next run resumes at k and every operation ran once. */
class KilledMigrationTest {

    static InfraMap target() {
        Table a = Table.builder("a").column("id", "UInt64").column("x", "String").orderBy("id").build();
        Table b = Table.builder("b").column("id", "UInt64").column("y", "String").orderBy("id").build();
        return InfraMap.of(List.of(a, b), List.of(), List.of(new View("v", null, "SELECT id FROM a", null)), List.of());
    }

    /** CreateTable a, AddTableColumn a.x, RawSql insert a, CreateTable b, AddTableColumn b.y, RawSql insert b, CreateView v. */
    static MigrationInput plan(ClickHouseConnection c) {
        Table aWithoutX = Table.builder("a").column("id", "UInt64").orderBy("id").build();
        Table bWithoutY = Table.builder("b").column("id", "UInt64").orderBy("id").build();
        MigrationInput first = MigratorTest.generate(c, InfraMap.ofTables(aWithoutX));
        MigrationInput addX = MigratorTest.generate(c, target());
        List<Operation> ops = new ArrayList<>();
        ops.add(first.plan().operations().get(0));
        ops.add(new dev.moose.core.plan.AddTableColumn(dev.moose.core.plan.TableRef.of("a"),
                dev.moose.core.model.Column.of("x", "String"), "id", false));
        ops.add(new RawSql(List.of("INSERT INTO a (id, x) VALUES (1, 'once')"), "insert into a"));
        ops.add(new dev.moose.core.plan.CreateTable(bWithoutY));
        ops.add(new dev.moose.core.plan.AddTableColumn(dev.moose.core.plan.TableRef.of("b"),
                dev.moose.core.model.Column.of("y", "String"), "id", false));
        ops.add(new RawSql(List.of("INSERT INTO b (id, y) VALUES (1, 'once')"), "insert into b"));
        ops.add(new dev.moose.core.plan.CreateView(target().views().get("v")));
        return MigratorTest.withPlan(addX, ops);
    }

    @ParameterizedTest(name = "stopped before operation {0}")
    @ValueSource(ints = {1, 2, 4, 6})
    void resumesAtTheOperationWhereTheServerStopped(int k, @TempDir Path dir) {
        Path home = dir.resolve("clickhouse");
        MigrationInput in;
        LocalClickHouse server = LocalClickHouse.builder().home(home).start();
        try (ClickHouseConnection c = ClickHouseConnection.open(server.connectionSettings("default"))) {
            in = plan(c);
            Migrator.Options stopAtK = MigratorTest.FAST.toBuilder().listener(new Migrator.Listener() {
                @Override
                public void beforeOperation(int index, int total, Operation operation) {
                    if (index == k) {
                        server.stop();
                    }
                }
            }).build();
            MooseException e = catchThrowableOfType(MooseException.class, () -> Migrator.migrate(c, in, target(), stopAtK, MooseLog.silent()));
            assertThat(e.getMessage()).startsWith("Operation " + (k + 1) + " of 7");
        } finally {
            server.stop();
        }
        try (LocalClickHouse restarted = LocalClickHouse.builder().home(home).start();
             ClickHouseConnection c = ClickHouseConnection.open(restarted.connectionSettings("default"))) {
            Migrator.Result r = Migrator.migrate(c, in, target(), MigratorTest.FAST, MooseLog.silent());
            assertThat(r.outcome()).isEqualTo(Migrator.Outcome.RESUMED);
            assertThat(r.from()).isEqualTo(k);
            assertThat(r.executed()).isEqualTo(7 - k);
            assertThat(r.remainingDifferences()).isEmpty();
            assertThat(c.queryLong("SELECT count() FROM a")).as("insert into a ran once").isEqualTo(1);
            assertThat(c.queryLong("SELECT count() FROM b")).as("insert into b ran once").isEqualTo(1);
            assertThat(Migrator.migrate(c, in, target(), MigratorTest.FAST, MooseLog.silent()).outcome())
                    .isEqualTo(Migrator.Outcome.ALREADY_AT_TARGET);
        }
    }
}
