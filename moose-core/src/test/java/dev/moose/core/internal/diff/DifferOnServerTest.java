package dev.moose.core.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.api.Generator;
import dev.moose.core.internal.bookkeeping.StateRegistry;
import dev.moose.core.internal.execute.PlanApplier;
import dev.moose.core.internal.introspect.Introspector;
import dev.moose.core.internal.introspect.RemoteSchema;
import dev.moose.core.model.Column;
import dev.moose.core.model.ColumnDefault;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.SqlResource;
import dev.moose.core.model.Table;
import dev.moose.core.model.View;
import dev.moose.core.plan.Operation;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestDatabase;
import dev.moose.core.types.ClickHouseType;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import java.util.List;
import java.util.Set;

/** Each change kind the server can run, applied for real: afterwards the database reads back equal to the code. */
class DifferOnServerTest {

    /** Plans code against the live database, applies it, and checks nothing is left to do; returns the operations. */
    static List<Operation> converge(TestDatabase db, InfraMap code) {
        var c = db.connection();
        Capabilities capabilities = Capabilities.of(c.version());
        RemoteSchema before = Introspector.introspect(c, Set.of());
        InfraMap remote = before.relevantTo(code);
        Differ.Result diff = Differ.diff(remote, code,
                new Differ.Options(capabilities, before.databases(), before.everything().tables().keySet()));
        assertThat(Generator.unsupported(diff.operations(), capabilities)).as("runnable on this server").isEmpty();
        PlanApplier.apply(c, diff.operations(), remote);
        StateRegistry.of(code).store(c, before.registry());
        RemoteSchema after = Introspector.introspect(c, Set.of());
        InfraMap live = after.relevantTo(code);
        assertThat(Differences.between(code, live, capabilities.has(Feature.TABLE_COMMENT))).isEmpty();
        assertThat(Differ.diff(live, code, new Differ.Options(capabilities, after.databases(),
                after.everything().tables().keySet())).operations()).isEmpty();
        return diff.operations();
    }

    private static Table.Builder events() {
        return Table.builder("events").column("id", "UInt64").column("name", "String").column("amount", "Int64").orderBy("id");
    }

    @ClickHouseTest
    void columnsAddedDroppedAndChanged(TestDatabase db) {
        converge(db, InfraMap.ofTables(events().build()));
        db.execute("INSERT INTO events VALUES (1, 'one', 10), (2, 'two', 20)");
        Table changed = Table.builder("events").column("id", "UInt64")
                .column(new Column("name", ClickHouseType.parse("LowCardinality(String)"), null, "who it was", null, null, null))
                .column(new Column("status", ClickHouseType.parse("String"), ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'new'"), null, null, null, null))
                .column("note", "Nullable(String)")
                .orderBy("id").build();
        List<Operation> ops = converge(db, InfraMap.ofTables(changed));
        assertThat(ops).extracting(Operation::name).containsExactly("DropTableColumn", "AddTableColumn", "AddTableColumn", "ModifyTableColumn");
        // CAST: the driver cannot decode 18.16's Native LowCardinality columns (moose itself only reads system tables)
        assertThat(db.connection().query("SELECT id, CAST(name AS String), status FROM events ORDER BY id",
                rs -> rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3)))
                .containsExactly("1:one:new", "2:two:new");
        Table defaultChanged = changed.withColumns(List.of(changed.columns().get(0), changed.columns().get(1),
                new Column("status", ClickHouseType.parse("String"), ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'open'"), null, null, null, null),
                Column.of("note", "Nullable(String)")));
        assertThat(converge(db, InfraMap.ofTables(defaultChanged))).extracting(Operation::name).containsExactly("ModifyTableColumn");
    }

    @ClickHouseTest
    void aRebuildKeepsTheRows(TestDatabase db) {
        converge(db, InfraMap.ofTables(events().build()));
        db.execute("INSERT INTO events VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)");
        Table reordered = events().orderBy("name", "id").partitionBy("intDiv(id, 2)").build();
        List<Operation> ops = converge(db, InfraMap.ofTables(reordered));
        assertThat(ops).extracting(Operation::name).containsExactly("RebuildTable");
        assertThat(db.connection().queryLong("SELECT sum(amount) FROM events")).isEqualTo(60);
        assertThat(db.tables()).contains("events MergeTree").noneMatch(t -> t.contains("__moose"));
    }

    @ClickHouseTest
    void aChangedMaterializedViewIsRecreatedAndItsTargetRefilled(TestDatabase db) {
        Table source = Table.builder("clicks").column("id", "UInt64").column("page", "String").column("ms", "UInt32").orderBy("id").build();
        Table target = Table.builder("page_stats").column("page", "String").column("hits", "UInt64").orderBy("page").build();
        MaterializedView v1 = new MaterializedView("page_stats_mv", null, "page_stats", null,
                "SELECT page, count() AS hits FROM clicks GROUP BY page", null);
        converge(db, InfraMap.of(List.of(source, target), List.of(v1), List.of(), List.of()));
        db.execute("INSERT INTO clicks VALUES (1, 'a', 100), (2, 'a', 300), (3, 'b', 50)");
        assertThat(db.connection().queryLong("SELECT sum(hits) FROM page_stats")).as("the view captured the inserts").isEqualTo(3);

        Table target2 = target.toBuilder().column("avg_ms", "Float64").build();
        MaterializedView v2 = new MaterializedView("page_stats_mv", null, "page_stats", null,
                "SELECT page, count() AS hits, avg(ms) AS avg_ms FROM clicks GROUP BY page", null);
        List<Operation> ops = converge(db, InfraMap.of(List.of(source, target2), List.of(v2), List.of(), List.of()));
        assertThat(ops).extracting(Operation::name)
                .containsExactly("DropMaterializedView", "AddTableColumn", "CreateMaterializedView", "PopulateMaterializedView");
        assertThat(db.connection().query("SELECT page, hits, avg_ms FROM page_stats ORDER BY page",
                rs -> rs.getString(1) + ":" + rs.getLong(2) + ":" + rs.getDouble(3)))
                .as("refilled once, from the sources, with the new SELECT").containsExactly("a:2:200.0", "b:1:50.0");
        db.execute("INSERT INTO clicks VALUES (4, 'b', 150)");
        assertThat(db.connection().queryLong("SELECT sum(hits) FROM page_stats WHERE page = 'b'")).as("capturing again").isEqualTo(2);
    }

    @ClickHouseTest
    void aNewMaterializedViewOnANewTargetIsBackfilledFromItsExistingSource(TestDatabase db) {
        Table source = Table.builder("orders").column("id", "UInt64").column("total", "UInt64").orderBy("id").build();
        converge(db, InfraMap.ofTables(source));
        db.execute("INSERT INTO orders VALUES (1, 5), (2, 7)");
        Table target = Table.builder("order_totals").column("n", "UInt64").column("sum", "UInt64").orderBy("n").build();
        MaterializedView mv = new MaterializedView("order_totals_mv", null, "order_totals", null,
                "SELECT count() AS n, sum(total) AS sum FROM orders", null);
        List<Operation> ops = converge(db, InfraMap.of(List.of(source, target), List.of(mv), List.of(), List.of()));
        assertThat(ops).extracting(Operation::name).containsExactly("CreateTable", "CreateMaterializedView", "PopulateMaterializedView");
        assertThat(db.connection().queryLong("SELECT sum FROM order_totals")).isEqualTo(12);
    }

    @ClickHouseTest
    void viewsAndSqlResourcesChangeAndTablesAreDropped(TestDatabase db) {
        Table t = events().build();
        Table gone = Table.builder("gone").column("x", "UInt8").orderBy("x").build();
        View v1 = new View("big_events", null, "SELECT id, amount FROM events WHERE amount > 10", null);
        SqlResource r1 = new SqlResource("lookup", null, List.of("CREATE TABLE lookup_data (k String) ENGINE = Memory"),
                List.of("DROP TABLE lookup_data"), List.of());
        converge(db, InfraMap.of(List.of(t, gone), List.of(), List.of(v1), List.of(r1)));
        View v2 = new View("big_events", null, "SELECT id, amount FROM events WHERE amount > 100", null);
        SqlResource r2 = new SqlResource("lookup", null, List.of("CREATE TABLE lookup_data (k String, v String) ENGINE = Memory"),
                List.of("DROP TABLE lookup_data"), List.of());
        List<Operation> ops = converge(db, InfraMap.of(List.of(t), List.of(), List.of(v2), List.of(r2)));
        assertThat(ops).extracting(Operation::name)
                .containsExactly("DropView", "DropSqlResource", "DropTable", "CreateView", "CreateSqlResource");
        assertThat(db.columns()).contains("lookup_data.v String");
        assertThat(db.tables()).doesNotContain("gone MergeTree");
    }

    @ClickHouseTest
    void whatTheServerCannotRunIsRefusedWithTheVersionNeeded(TestDatabase db) {
        var c = db.connection();
        Capabilities capabilities = Capabilities.of(c.version());
        if (capabilities.has(Feature.RENAME_COLUMN)) {
            return; // only an old server can show the refusal; current releases run everything below
        }
        Table remote = events().build();
        Table renamed = Table.builder("events").column("id", "UInt64")
                .column(new Column("label", ClickHouseType.parse("String"), null, null, null, null, "name"))
                .column("amount", "Int64").orderBy("id").ttl("toDateTime(id) + INTERVAL 1 DAY").build();
        Differ.Result diff = Differ.diff(InfraMap.ofTables(remote), InfraMap.ofTables(renamed),
                Differ.Options.of(capabilities, Set.of(), InfraMap.ofTables(remote)));
        assertThat(Generator.unsupported(diff.operations(), capabilities)).containsExactly(
                "operation 1 RenameTableColumn (rename column name of events to label) needs ALTER TABLE … RENAME COLUMN, "
                        + "which arrived in ClickHouse 20.4; the server is " + c.version(),
                "operation 2 ModifyTableTtl (set the TTL of events to toDateTime(id) + INTERVAL 1 DAY) needs ALTER TABLE … MODIFY TTL, "
                        + "which arrived in ClickHouse 19.6; the server is " + c.version());
    }
}
