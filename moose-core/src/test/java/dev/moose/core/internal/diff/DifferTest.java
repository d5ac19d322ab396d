package dev.moose.core.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.model.Column;
import dev.moose.core.model.ColumnDefault;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.LifeCycle;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.SqlResource;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableEngine;
import dev.moose.core.model.TableIndex;
import dev.moose.core.model.TableProjection;
import dev.moose.core.model.View;
import dev.moose.core.plan.*;
import dev.moose.core.types.ClickHouseType;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.ServerVersion;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DifferTest {

    private static final Capabilities CURRENT = Capabilities.of(ServerVersion.parse("25.8"));

    private static Differ.Result diff(InfraMap remote, InfraMap code) {
        return Differ.diff(remote, code, Differ.Options.of(CURRENT, Set.of("default"), remote));
    }

    private static List<String> names(Differ.Result r) {
        return r.operations().stream().map(Operation::name).toList();
    }

    private static List<String> sql(Differ.Result r) {
        return r.operations().stream().flatMap(o -> o.toSql().stream()).toList();
    }

    private static Table.Builder events() {
        return Table.builder("events").column("id", "String").column("another_column", "String").column("some_column", "String")
                .orderBy("id");
    }

    private static InfraMap map(Table... tables) {
        return InfraMap.ofTables(tables);
    }

    // ------------------------------------------------------------------------------------------- seed scenarios

    @Test
    void seedNewTablesAndAMaterializedView() {
        Table source = Table.builder("source_table").column("id", "String").column("a_column", "String")
                .column("some_other_column", "Float64").orderBy("id").build();
        Table newTable = Table.builder("new_table").column("id", "String").column("a_column", "String")
                .column("some_other_column", "Float64").orderBy("id").build();
        Table target = newTable.toBuilder().name("target_table").build();
        MaterializedView mv = new MaterializedView("mv_to_target", null, "target_table", null, "SELECT * FROM source_table", null);
        InfraMap remote = map(source);
        InfraMap code = InfraMap.of(List.of(source, newTable, target), List.of(mv), List.of(), List.of());
        Differ.Result r = diff(remote, code);
        assertThat(names(r)).containsExactly("CreateTable", "CreateTable", "CreateMaterializedView", "PopulateMaterializedView");
        assertThat(sql(r).get(2)).isEqualTo("CREATE MATERIALIZED VIEW `mv_to_target` TO `target_table` AS SELECT * FROM source_table");
        assertThat(sql(r).get(3)).isEqualTo("INSERT INTO `target_table` SELECT * FROM source_table");
        assertThat(ChangeLog.lines(r.operations(), remote)).containsExactly(
                "+ Table: new_table (id String, a_column String, some_other_column Float64) ORDER BY id",
                "+ Table: target_table (id String, a_column String, some_other_column Float64) ORDER BY id",
                "+ Materialized View: mv_to_target",
                "  backfill target_table from mv_to_target");
    }

    @Test
    void seedColumnAdded() {
        Differ.Result r = diff(map(events().build()), map(events().column("new_column", "Int64").build()));
        assertThat(sql(r)).containsExactly("ALTER TABLE `events` ADD COLUMN `new_column` Int64 AFTER `some_column`");
        assertThat(ChangeLog.lines(r.operations(), InfraMap.empty())).containsExactly(
                "~ Table events:", "  Column changes:", "    + new_column: Int64");
    }

    @Test
    void seedColumnRemoved() {
        InfraMap remote = map(events().column("old_column", "Int64").build());
        Differ.Result r = diff(remote, map(events().build()));
        assertThat(sql(r)).containsExactly("ALTER TABLE `events` DROP COLUMN `old_column`");
        assertThat(r.operations().get(0).isDestructive()).isTrue();
        assertThat(ChangeLog.lines(r.operations(), remote)).containsExactly(
                "~ Table events:", "  Column changes:", "    - old_column: Int64");
    }

    @Test
    void seedTypeChangedToLowCardinality() {
        Table code = events().build().withColumns(List.of(Column.of("id", "String"), Column.of("another_column", "String"),
                Column.of("some_column", "LowCardinality(String)")));
        Differ.Result r = diff(map(events().build()), map(code));
        assertThat(names(r)).containsExactly("ModifyTableColumn");
        assertThat(sql(r)).containsExactly("ALTER TABLE `events` MODIFY COLUMN `some_column` LowCardinality(String)");
        assertThat(r.operations().get(0).isDestructive()).as("String -> LowCardinality(String) keeps every value").isFalse();
        assertThat(ChangeLog.lines(r.operations(), InfraMap.empty())).containsExactly(
                "~ Table events:", "  Column changes:", "    some_column: String -> LowCardinality(String)");
    }

    @Test
    void seedMaterializedViewSelectChanged() {
        Table source = Table.builder("source_table").column("id", "String").column("a_date", "Date").column("a_number", "Float64")
                .orderBy("id").build();
        Table target = Table.builder("target_table").column("day", "Date").column("count", "UInt64").column("sum", "Float64")
                .orderBy("day").build();
        String before = "SELECT toStartOfDay(a_date) AS day, uniq(id) AS count, sum(a_number) AS sum FROM source_table GROUP BY day";
        String after = "SELECT toStartOfDay(a_date) AS day, uniq(id) AS count, sum(a_number) AS sum, avg(a_number) AS avg "
                + "FROM source_table GROUP BY day";
        InfraMap remote = InfraMap.of(List.of(source, target),
                List.of(new MaterializedView("mv_table_to_target", null, "target_table", null, before, null)), List.of(), List.of());
        Table targetAfter = target.toBuilder().column("avg", "Float64").build();
        InfraMap code = InfraMap.of(List.of(source, targetAfter),
                List.of(new MaterializedView("mv_table_to_target", null, "target_table", null, after, null)), List.of(), List.of());
        Differ.Result r = diff(remote, code);
        assertThat(names(r)).containsExactly("DropMaterializedView", "AddTableColumn", "CreateMaterializedView", "PopulateMaterializedView");
        assertThat(sql(r)).containsExactly(
                "DROP VIEW `mv_table_to_target`",
                "ALTER TABLE `target_table` ADD COLUMN `avg` Float64 AFTER `sum`",
                "CREATE MATERIALIZED VIEW `mv_table_to_target` TO `target_table` AS " + after,
                "TRUNCATE TABLE `target_table`",
                "INSERT INTO `target_table` (`day`, `count`, `sum`, `avg`) " + after);
        assertThat(ChangeLog.lines(r.operations(), remote)).containsExactly(
                "~ Table target_table:", "  Column changes:", "    + avg: Float64",
                "~ Materialized View: mv_table_to_target",
                "  backfill target_table from mv_table_to_target (after emptying it)");
    }

    // ------------------------------------------------------------------------------------------- columns

    @Test
    void addedColumnsArePlacedAfterTheirPredecessorInCodeOrder() {
        Table remote = Table.builder("t").column("b", "String").column("d", "String").build();
        Table code = Table.builder("t").column("a", "UInt8").column("b", "String").column("c", "UInt8").column("d", "String")
                .column("e", "UInt8").build();
        assertThat(sql(diff(map(remote), map(code)))).containsExactly(
                "ALTER TABLE `t` ADD COLUMN `a` UInt8 FIRST",
                "ALTER TABLE `t` ADD COLUMN `c` UInt8 AFTER `b`",
                "ALTER TABLE `t` ADD COLUMN `e` UInt8 AFTER `d`");
    }

    @Test
    void renamesOnlyWhereTheCodeSaysSo() {
        Table remote = Table.builder("t").column("id", "UInt64").column("createdAt", "DateTime").orderBy("id").build();
        Table guessed = Table.builder("t").column("id", "UInt64").column("created_at", "DateTime").orderBy("id").build();
        assertThat(names(diff(map(remote), map(guessed)))).as("no rename is guessed").containsExactly("DropTableColumn", "AddTableColumn");
        Table declared = Table.builder("t").column("id", "UInt64")
                .column(new Column("created_at", ClickHouseType.parse("DateTime"), null, null, null, null, "createdAt")).orderBy("id").build();
        Differ.Result r = diff(map(remote), map(declared));
        assertThat(sql(r)).containsExactly("ALTER TABLE `t` RENAME COLUMN `createdAt` TO `created_at`");
        Table renamedAndRetyped = Table.builder("t").column("id", "UInt64")
                .column(new Column("created_at", ClickHouseType.parse("DateTime64(3)"), null, null, null, null, "createdAt"))
                .orderBy("id").build();
        assertThat(names(diff(map(remote), map(renamedAndRetyped)))).containsExactly("RenameTableColumn", "ModifyTableColumn");
        assertThat(names(diff(map(guessed), map(declared)))).as("already renamed: nothing to do").isEmpty();
    }

    @Test
    void modifiedColumnsCarryTheWholeDefinition() {
        Table remote = Table.builder("t").column("id", "UInt64")
                .column(new Column("status", ClickHouseType.parse("String"), ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'new'"), "old", null, null, null))
                .column("note", "String").column(new Column("v", ClickHouseType.parse("Int64"), null, null, "ZSTD(1)", null, null))
                .orderBy("id").build();
        Table code = Table.builder("t").column("id", "UInt64")
                .column(new Column("status", ClickHouseType.parse("LowCardinality(String)"), ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'open'"), "the status", null, null, null))
                .column("note", "Nullable(String)").column(new Column("v", ClickHouseType.parse("Int64"), null, null, "ZSTD", null, null))
                .orderBy("id").build();
        Differ.Result r = diff(map(remote), map(code));
        assertThat(sql(r)).containsExactly(
                "ALTER TABLE `t` MODIFY COLUMN `status` LowCardinality(String) DEFAULT 'open'",
                "ALTER TABLE `t` COMMENT COLUMN `status` 'the status'",
                "ALTER TABLE `t` MODIFY COLUMN `note` Nullable(String)");
        assertThat(r.operations()).as("ZSTD is ZSTD(1)").hasSize(2);
    }

    @Test
    void removingADefaultRendersRemoveFirst() {
        Table remote = Table.builder("t").column("id", "UInt64")
                .column(new Column("s", ClickHouseType.parse("String"), ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'x'"), null, null, "ts + INTERVAL 1 DAY", null))
                .column("ts", "DateTime").orderBy("id").build();
        Table code = Table.builder("t").column("id", "UInt64").column("s", "String").column("ts", "DateTime").orderBy("id").build();
        assertThat(sql(diff(map(remote), map(code)))).containsExactly(
                "ALTER TABLE `t` MODIFY COLUMN `s` REMOVE DEFAULT",
                "ALTER TABLE `t` MODIFY COLUMN `s` REMOVE TTL",
                "ALTER TABLE `t` MODIFY COLUMN `s` String");
    }

    @Test
    void narrowingTypesAreMarkedDestructive() {
        Table remote = Table.builder("t").column("id", "UInt64").column("n", "Int64").orderBy("id").build();
        Table code = Table.builder("t").column("id", "UInt64").column("n", "Int32").orderBy("id").build();
        Operation op = diff(map(remote), map(code)).operations().get(0);
        assertThat(op.isDestructive()).isTrue();
        assertThat(op.destructiveReason()).contains("from Int64 to Int32");
    }

    // ------------------------------------------------------------------------------------------- table level

    @Test
    void settingsTtlIndexesProjectionsSampleByAndComment() {
        Table remote = Table.builder("t").column("id", "UInt64").column("ts", "DateTime").orderBy("id", "intHash32(id)")
                .primaryKey("id", "intHash32(id)").sampleBy("intHash32(id)")
                .setting("merge_with_ttl_timeout", "3600").setting("storage_policy", "default")
                .ttl("ts + INTERVAL 30 DAY")
                .indexes(List.of(new TableIndex("i_old", "ts", "minmax", 1), new TableIndex("i_changed", "id", "set(100)", 1)))
                .projections(List.of(new TableProjection("p_old", "SELECT id ORDER BY ts"))).comment("before").build();
        Table code = remote.toBuilder().sampleBy(null).settings(java.util.Map.of("merge_with_ttl_timeout", "7200"))
                .ttl("ts + INTERVAL 90 DAY")
                .indexes(List.of(new TableIndex("i_changed", "id", "set(1000)", 1), new TableIndex("i_new", "ts", "minmax", 2)))
                .projections(List.of(new TableProjection("p_new", "SELECT ts ORDER BY id"))).comment("after").build();
        Differ.Result r = diff(map(remote), map(code));
        assertThat(sql(r)).containsExactly(
                "ALTER TABLE `t` DROP INDEX `i_old`",
                "ALTER TABLE `t` DROP INDEX `i_changed`",
                "ALTER TABLE `t` DROP PROJECTION `p_old`",
                "ALTER TABLE `t` MODIFY SETTING merge_with_ttl_timeout = 7200",
                "ALTER TABLE `t` RESET SETTING storage_policy",
                "ALTER TABLE `t` MODIFY TTL ts + INTERVAL 90 DAY",
                "ALTER TABLE `t` ADD INDEX `i_changed` id TYPE set(1000) GRANULARITY 1",
                "ALTER TABLE `t` MATERIALIZE INDEX `i_changed`",
                "ALTER TABLE `t` ADD INDEX `i_new` ts TYPE minmax GRANULARITY 2",
                "ALTER TABLE `t` MATERIALIZE INDEX `i_new`",
                "ALTER TABLE `t` ADD PROJECTION `p_new` (SELECT ts ORDER BY id)",
                "ALTER TABLE `t` MATERIALIZE PROJECTION `p_new`",
                "ALTER TABLE `t` REMOVE SAMPLE BY",
                "ALTER TABLE `t` MODIFY COMMENT 'after'");
        Table sampled = code.toBuilder().sampleBy("intHash32(id)").build();
        assertThat(sql(diff(map(code), map(sampled)))).containsExactly("ALTER TABLE `t` MODIFY SAMPLE BY intHash32(id)");
    }

    @Test
    void tableCommentsAreIgnoredWhereTheServerHasNone() {
        Table remote = Table.builder("t").column("id", "UInt64").orderBy("id").build();
        Table code = remote.toBuilder().comment("about t").build();
        Differ.Result r = Differ.diff(map(remote), map(code), Differ.Options.of(Capabilities.of(ServerVersion.parse("18.16")),
                Set.of(), map(remote)));
        assertThat(r.operations()).isEmpty();
    }

    @Test
    void keyAndEngineChangesRebuildExplicitlyAndDestructively() {
        Table remote = Table.builder("t").column("id", "UInt64").column("ts", "DateTime").column("gone", "String")
                .orderBy("id").partitionBy("toYYYYMM(ts)").build();
        for (Table code : List.of(
                remote.toBuilder().orderBy("id", "ts").build(),
                remote.toBuilder().partitionBy("toYYYYMMDD(ts)").build(),
                remote.toBuilder().engine(TableEngine.of("ReplacingMergeTree")).build(),
                remote.toBuilder().setting("index_granularity", "1024").build(),
                remote.toBuilder().columns(List.of(Column.of("id", "UInt32"), Column.of("ts", "DateTime"), Column.of("gone", "String"))).build())) {
            Differ.Result r = diff(map(remote), map(code));
            assertThat(names(r)).as(code.toString()).containsExactly("RebuildTable");
            assertThat(r.operations().get(0).isDestructive()).isTrue();
        }
        Table narrower = remote.toBuilder().orderBy("id", "ts").columns(List.of(Column.of("id", "UInt64"), Column.of("ts", "DateTime"))).build();
        RebuildTable rebuild = (RebuildTable) diff(map(remote), map(narrower)).operations().get(0);
        assertThat(rebuild.destructiveReason()).contains("ORDER BY id -> (id, ts)").contains("columns gone are dropped");
        assertThat(rebuild.toSql()).containsExactly(
                "DROP TABLE IF EXISTS `t__moose_rebuild`",
                "CREATE TABLE `t__moose_rebuild`\n(\n    `id` UInt64,\n    `ts` DateTime\n)\nENGINE = MergeTree\nPARTITION BY toYYYYMM(ts)\nORDER BY (id, ts)",
                "INSERT INTO `t__moose_rebuild` (`id`, `ts`) SELECT `id`, `ts` FROM `t`",
                "RENAME TABLE `t` TO `t__moose_old`, `t__moose_rebuild` TO `t`",
                "DROP TABLE `t__moose_old`");
    }

    @Test
    void materializedViewsAreRecreatedAroundARebuildOfTheirTables() {
        Table source = Table.builder("src").column("id", "UInt64").column("v", "UInt64").orderBy("id").build();
        Table target = Table.builder("dst").column("id", "UInt64").column("total", "UInt64").orderBy("id").build();
        MaterializedView mv = new MaterializedView("mv", null, "dst", null, "SELECT id, sum(v) AS total FROM src GROUP BY id", null);
        InfraMap remote = InfraMap.of(List.of(source, target), List.of(mv), List.of(), List.of());
        InfraMap code = InfraMap.of(List.of(source.toBuilder().orderBy("id", "v").build(), target), List.of(mv), List.of(), List.of());
        assertThat(names(diff(remote, code))).containsExactly("DropMaterializedView", "RebuildTable", "CreateMaterializedView");
    }

    @Test
    void tablesAreCreatedAndDroppedWithTheirDatabase() {
        Table remote = Table.builder("old").column("id", "UInt64").orderBy("id").build();
        Table code = Table.builder("new").database("analytics").column("id", "UInt64").orderBy("id").build();
        Differ.Result r = diff(map(remote), map(code));
        assertThat(names(r)).containsExactly("DropTable", "CreateDatabase", "CreateTable");
        assertThat(sql(r).get(0)).isEqualTo("DROP TABLE `old`");
        assertThat(sql(r).get(1)).isEqualTo("CREATE DATABASE IF NOT EXISTS `analytics`");
        assertThat(sql(r).get(2)).startsWith("CREATE TABLE `analytics`.`new`");
    }

    @Test
    void clusterTablesGetOnCluster() {
        Table remote = Table.builder("t").column("id", "UInt64").orderBy("id").build();
        Table code = remote.toBuilder().cluster("main").column("x", "UInt8").build();
        assertThat(sql(diff(map(remote), map(code)))).containsExactly("ALTER TABLE `t` ON CLUSTER `main` ADD COLUMN `x` UInt8 AFTER `id`");
    }

    // ------------------------------------------------------------------------------------------- life cycles

    @Test
    void deletionProtectedBlocksDropsButAllowsAdditions() {
        Table remote = Table.builder("t").column("id", "UInt64").column("old", "String").orderBy("id").lifeCycle(LifeCycle.DELETION_PROTECTED).build();
        Table code = Table.builder("t").column("id", "UInt64").column("new", "String").orderBy("id").lifeCycle(LifeCycle.DELETION_PROTECTED).build();
        Differ.Result r = diff(map(remote), map(code));
        assertThat(names(r)).containsExactly("AddTableColumn");
        assertThat(r.blocked()).containsExactly("column t.old was removed from the code but the table is DELETION_PROTECTED: not dropped");
        Differ.Result rebuild = diff(map(remote), map(remote.toBuilder().orderBy("id", "old").build()));
        assertThat(rebuild.operations()).isEmpty();
        assertThat(rebuild.blocked()).singleElement().asString().contains("needs a rebuild").contains("DELETION_PROTECTED");
        Differ.Result dropped = diff(map(remote), InfraMap.empty());
        assertThat(dropped.operations()).isEmpty();
        assertThat(dropped.blocked()).containsExactly("table t was removed from the code but is DELETION_PROTECTED: not dropped");
    }

    @Test
    void externallyManagedIsNeverTouched() {
        Table remote = Table.builder("cdc").column("id", "UInt64").orderBy("id").build();
        Table code = Table.builder("cdc").column("id", "UInt64").column("more", "String").orderBy("id")
                .lifeCycle(LifeCycle.EXTERNALLY_MANAGED).build();
        Differ.Result r = diff(map(remote), map(code));
        assertThat(r.operations()).isEmpty();
        assertThat(r.notes()).containsExactly("table cdc is EXTERNALLY_MANAGED and differs from the code: not changed");
        assertThat(diff(InfraMap.empty(), map(code)).operations()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------- views, resources

    @Test
    void viewsAreCreatedChangedAndDroppedInDependencyOrder() {
        Table t = Table.builder("t").column("id", "UInt64").orderBy("id").build();
        View base = new View("base", null, "SELECT id FROM t", null);
        View top = new View("top", null, "SELECT id FROM base WHERE id > 1", null);
        View aFirst = new View("a_first", null, "SELECT id FROM top", null);
        Differ.Result created = diff(map(t), InfraMap.of(List.of(t), List.of(), List.of(aFirst, base, top), List.of()));
        assertThat(created.operations()).extracting(Operation::describe).containsExactly("create view base", "create view top", "create view a_first");
        InfraMap all = InfraMap.of(List.of(t), List.of(), List.of(aFirst, base, top), List.of());
        Differ.Result dropped = diff(all, map(t).withView(base));
        assertThat(dropped.operations()).extracting(Operation::describe).containsExactly("drop view a_first", "drop view top");
        Differ.Result changed = diff(all, all.withView(new View("base", null, "SELECT id FROM t WHERE id > 0", null)));
        assertThat(changed.operations()).extracting(Operation::describe).containsExactly("drop view base", "create view base");
        assertThat(diff(all, all.withView(new View("base", null, "select `id` from `t`", null))).operations())
                .as("the server's spelling of the same SELECT").isEmpty();
    }

    @Test
    void sqlResourcesAreSetUpChangedAndTornDown() {
        SqlResource r1 = new SqlResource("dict", null, List.of("CREATE TABLE d (x UInt8) ENGINE = Memory"), List.of("DROP TABLE d"), List.of());
        SqlResource r2 = new SqlResource("dict", null, List.of("CREATE TABLE d (x UInt16) ENGINE = Memory"), List.of("DROP TABLE d"), List.of());
        InfraMap with1 = InfraMap.of(List.of(), List.of(), List.of(), List.of(r1));
        InfraMap with2 = InfraMap.of(List.of(), List.of(), List.of(), List.of(r2));
        assertThat(sql(diff(InfraMap.empty(), with1))).containsExactly("CREATE TABLE d (x UInt8) ENGINE = Memory");
        assertThat(sql(diff(with1, with2))).containsExactly("DROP TABLE d", "CREATE TABLE d (x UInt16) ENGINE = Memory");
        assertThat(sql(diff(with1, InfraMap.empty()))).containsExactly("DROP TABLE d");
        assertThat(ChangeLog.lines(diff(with1, with2).operations(), with1)).containsExactly("~ SQL Resource: dict");
    }

    @Test
    void thePlanSimulatesFromTheRemoteToTheCode() {
        Table remote = Table.builder("t").column("id", "UInt64").column("old", "String").column("n", "Int64").orderBy("id").build();
        Table code = Table.builder("t").column("id", "UInt64").column("n", "Int32").column("new", "String").orderBy("id", "n").build();
        for (InfraMap[] pair : List.of(new InfraMap[] {map(remote), map(code)},
                new InfraMap[] {map(remote), map(remote.toBuilder().column("x", "UInt8").build())})) {
            Differ.Result r = diff(pair[0], pair[1]);
            InfraMap simulated = MigrationPlan.of(r.operations()).simulate(pair[0]);
            assertThat(Differences.between(pair[1], simulated, true)).isEmpty();
        }
    }
}
