package dev.moose.core.internal.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.internal.bookkeeping.StateRegistry;
import dev.moose.core.internal.diff.Differ;
import dev.moose.core.internal.diff.Differences;
import dev.moose.core.internal.execute.PlanApplier;
import dev.moose.core.model.InfraMap;
import dev.moose.core.plan.Operation;
import dev.moose.core.scan.SchemaScanner;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestClasses;
import dev.moose.core.testing.TestDatabase;
import dev.moose.core.version.Capabilities;
import java.util.Set;

/** Create from the code's map, read it back, diff: nothing left to do. */
class RoundTripTest {

    static InfraMap fixtures(dev.moose.core.version.ServerVersion version) {
        return SchemaScanner.scan(TestClasses.scan("dev.moose.core.internal.introspect.fixtures", version)).infraMap();
    }

    @ClickHouseTest
    void everyFeatureTheServerHasReadsBackEqual(TestDatabase db) {
        var connection = db.connection();
        InfraMap code = fixtures(connection.version());
        Capabilities capabilities = Capabilities.of(connection.version());

        Differ.Result first = Differ.diff(InfraMap.empty(), code, Differ.Options.of(capabilities, Set.of(db.name()), InfraMap.empty()));
        assertThat(first.operations()).extracting(Operation::name).contains("CreateTable", "CreateMaterializedView", "CreateView",
                "CreateSqlResource");
        InfraMap applied = PlanApplier.apply(connection, first.operations(), InfraMap.empty());
        assertThat(Differences.between(code, applied, true)).as("simulated state equals the code").isEmpty();
        StateRegistry.of(code).store(connection, StateRegistry.empty());

        RemoteSchema remote = Introspector.introspect(connection, Set.of());
        InfraMap live = remote.relevantTo(code);
        assertThat(remote.unreadable()).isEmpty();
        assertThat(Differences.between(code, live, capabilities.has(dev.moose.core.version.Feature.TABLE_COMMENT))).isEmpty();
        Differ.Result again = Differ.diff(live, code, Differ.Options.of(capabilities, remote.databases(), live));
        assertThat(again.operations()).as("nothing to do after applying").isEmpty();
        // The SQL resource's setup created a table with raw SQL: migrations cannot know it, so it is listed as unmanaged.
        assertThat(remote.unmanaged(code)).containsOnlyKeys("table path_names");
    }

    @ClickHouseTest
    void introspectionTakesAConstantNumberOfQueries(TestDatabase db) {
        var connection = db.connection();
        int empty = Introspector.introspect(connection, Set.of()).queries();
        InfraMap code = fixtures(connection.version());
        PlanApplier.apply(connection, Differ.diff(InfraMap.empty(), code,
                Differ.Options.of(Capabilities.of(connection.version()), Set.of(db.name()), InfraMap.empty())).operations(), InfraMap.empty());
        for (int i = 0; i < 20; i++) {
            db.execute("CREATE TABLE extra_" + i + " (id UInt64, v String) ENGINE = MergeTree ORDER BY id");
        }
        RemoteSchema many = Introspector.introspect(connection, Set.of());
        assertThat(many.everything().tables()).hasSizeGreaterThan(25);
        assertThat(many.queries()).isEqualTo(empty);
    }

    @ClickHouseTest
    void objectsTheCodeDoesNotManageAreListedNotTouched(TestDatabase db) {
        var connection = db.connection();
        db.execute("CREATE TABLE someone_elses (x UInt8) ENGINE = Memory",
                "CREATE VIEW someone_elses_view AS SELECT x FROM someone_elses");
        InfraMap code = fixtures(connection.version());
        RemoteSchema remote = Introspector.introspect(connection, Set.of());
        assertThat(remote.unmanaged(code)).containsOnlyKeys("table someone_elses", "view someone_elses_view");
        assertThat(remote.relevantTo(code).tables()).isEmpty();
        Differ.Result diff = Differ.diff(remote.relevantTo(code), code,
                new Differ.Options(Capabilities.of(connection.version()), remote.databases(), remote.everything().tables().keySet()));
        assertThat(diff.operations()).noneMatch(op -> op.describe().contains("someone_elses"));
    }
}
