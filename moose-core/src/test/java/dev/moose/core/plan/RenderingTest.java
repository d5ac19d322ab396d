package dev.moose.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moose.core.model.Column;
import dev.moose.core.model.ColumnDefault;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableEngine;
import dev.moose.core.model.TableIndex;
import dev.moose.core.model.TableProjection;
import dev.moose.core.types.ClickHouseType;
import dev.moose.core.version.ServerVersion;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The SQL each operation renders, per server version: exact, for what the old test server cannot run. */
class RenderingTest {

    private static final RenderContext V18 = RenderContext.of(ServerVersion.parse("18.16.1"));
    private static final RenderContext V20_8 = RenderContext.of(ServerVersion.parse("20.8"));
    private static final RenderContext V25 = RenderContext.of(ServerVersion.parse("25.8"));
    private static final TableRef EVENTS = TableRef.of("events");

    private static Column col(String name, String type, String comment) {
        return new Column(name, ClickHouseType.parse(type), null, comment, null, null, null);
    }

    @Test
    void createTableWithEverything() {
        Table t = Table.builder("events").database("analytics").cluster("main")
                .column(new Column("id", ClickHouseType.parse("UInt64"), null, "the id", "Delta, ZSTD(3)", null, null))
                .column(new Column("ts", ClickHouseType.parse("DateTime64(3, 'UTC')"), ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "now64(3)"), null, null, null, null))
                .column(new Column("pii", ClickHouseType.parse("String"), null, null, null, "ts + INTERVAL 7 DAY", null))
                .engine(TableEngine.of("ReplicatedReplacingMergeTree", "'/clickhouse/tables/{shard}/events'", "'{replica}'", "ts"))
                .orderBy("id", "ts").primaryKey("id").partitionBy("toYYYYMM(ts)").sampleBy("id").ttl("ts + INTERVAL 1 YEAR")
                .setting("index_granularity", "4096")
                .indexes(List.of(new TableIndex("i_pii", "pii", "bloom_filter(0.01)", 4)))
                .projections(List.of(new TableProjection("by_ts", "SELECT * ORDER BY ts")))
                .comment("all events").build();
        assertThat(new CreateTable(t).render(V25)).containsExactly(
                "CREATE TABLE `analytics`.`events` ON CLUSTER `main`\n(\n"
                        + "    `id` UInt64 COMMENT 'the id' CODEC(Delta, ZSTD(3)),\n"
                        + "    `ts` DateTime64(3, 'UTC') DEFAULT now64(3),\n"
                        + "    `pii` String TTL ts + INTERVAL 7 DAY,\n"
                        + "    INDEX `i_pii` pii TYPE bloom_filter(0.01) GRANULARITY 4,\n"
                        + "    PROJECTION `by_ts` (SELECT * ORDER BY ts)\n)\n"
                        + "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/events', '{replica}', ts)\n"
                        + "PARTITION BY toYYYYMM(ts)\nPRIMARY KEY id\nORDER BY (id, ts)\nSAMPLE BY id\nTTL ts + INTERVAL 1 YEAR\n"
                        + "SETTINGS index_granularity = 4096\nCOMMENT 'all events'");
        assertThat(new CreateTable(t).render(V20_8).get(0)).as("no table comment before 21.6").doesNotContain("COMMENT 'all events'");
        assertThat(new CreateTable(t).requires()).extracting(Enum::name)
                .containsExactly("COLUMN_CODEC", "TTL", "SKIPPING_INDEX", "PROJECTION");
    }

    @Test
    void columnCommentsAreSetApartWhereAlterIgnoresThem() {
        AddTableColumn add = new AddTableColumn(EVENTS, col("status", "String", "workflow state"), "id", false);
        assertThat(add.render(V18)).containsExactly(
                "ALTER TABLE `events` ADD COLUMN `status` String AFTER `id`",
                "ALTER TABLE `events` COMMENT COLUMN `status` 'workflow state'");
        assertThat(add.render(V25)).containsExactly("ALTER TABLE `events` ADD COLUMN `status` String COMMENT 'workflow state' AFTER `id`");
    }

    @Test
    void firstIsOnlyRenderedWhereTheServerHasIt() {
        AddTableColumn add = new AddTableColumn(EVENTS, col("a", "UInt8", null), null, true);
        assertThat(add.render(V18)).containsExactly("ALTER TABLE `events` ADD COLUMN `a` UInt8");
        assertThat(add.render(V25)).containsExactly("ALTER TABLE `events` ADD COLUMN `a` UInt8 FIRST");
    }

    @Test
    void viewsAreDroppedWithDropTableBefore20_4() {
        assertThat(new DropMaterializedView("mv", null, null).render(V18)).containsExactly("DROP TABLE `mv`");
        assertThat(new DropMaterializedView("mv", "db", "c").render(V25)).containsExactly("DROP VIEW `db`.`mv` ON CLUSTER `c`");
        assertThat(new DropView("v", null).render(V18)).containsExactly("DROP TABLE `v`");
        assertThat(new DropView("v", null).render(V25)).containsExactly("DROP VIEW `v`");
    }

    @Test
    void removingACodecFallsBackToTheDefaultCodec() {
        Column before = new Column("v", ClickHouseType.parse("Int64"), null, null, "ZSTD(3)", null, null);
        Column after = Column.of("v", "Int64");
        ModifyTableColumn m = new ModifyTableColumn(EVENTS, before, after);
        assertThat(m.render(V20_8)).containsExactly(
                "ALTER TABLE `events` MODIFY COLUMN `v` Int64 CODEC(Default)", "ALTER TABLE `events` MODIFY COLUMN `v` Int64");
        assertThat(m.render(V25)).containsExactly(
                "ALTER TABLE `events` MODIFY COLUMN `v` REMOVE CODEC", "ALTER TABLE `events` MODIFY COLUMN `v` Int64");
    }

    @Test
    void replicatedTablesAreDroppedSync() {
        Table replicated = Table.builder("events").column("id", "UInt64").orderBy("id")
                .engine(TableEngine.of("ReplicatedMergeTree")).build();
        RenderContext withState = V25.withState(InfraMap.ofTables(replicated));
        assertThat(new DropTable(EVENTS).render(withState)).containsExactly("DROP TABLE `events` SYNC");
        assertThat(new DropTable(EVENTS).render(V18.withState(InfraMap.ofTables(replicated)))).containsExactly("DROP TABLE `events`");
        assertThat(new DropTable(EVENTS).render(V25)).containsExactly("DROP TABLE `events`");
    }

    @Test
    void changeTableColumnKeepsTheDefaultWhenTheStateIsKnown() {
        Table t = Table.builder("events").column("id", "UInt64")
                .column(new Column("s", ClickHouseType.parse("String"), ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'x'"), "kept", null, null, null))
                .orderBy("id").build();
        ChangeTableColumn change = new ChangeTableColumn(EVENTS, "s", ClickHouseType.parse("LowCardinality(String)"));
        assertThat(change.render(V25.withState(InfraMap.ofTables(t))))
                .containsExactly("ALTER TABLE `events` MODIFY COLUMN `s` LowCardinality(String) DEFAULT 'x'");
        assertThat(change.toSql()).containsExactly("ALTER TABLE `events` MODIFY COLUMN `s` LowCardinality(String)");
    }

    @Test
    void whatAnOldServerCannotDoIsRefusedWithTheVersionNeeded() {
        assertThatThrownBy(() -> new RenameTableColumn(EVENTS, "a", "b").render(V18))
                .isInstanceOf(PlanException.class)
                .hasMessage("cannot rename events.a on ClickHouse 18.16.1: RENAME COLUMN needs 20.4 or later");
        assertThatThrownBy(() -> new ModifyTableSettings(EVENTS, new TreeMap<>(java.util.Map.of("a", "1")), new TreeMap<>()).render(V20_8))
                .hasMessageContaining("RESET SETTING needs 21.8");
        assertThatThrownBy(() -> new ModifyTableTtl(EVENTS, "ts + INTERVAL 1 DAY", null).render(V18))
                .hasMessageContaining("REMOVE TTL needs 20.10");
        assertThatThrownBy(() -> new ModifyTableColumn(EVENTS,
                new Column("s", ClickHouseType.parse("String"), ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'x'"), null, null, null, null),
                Column.of("s", "String")).render(V18))
                .hasMessage("cannot remove the DEFAULT of s on ClickHouse 18.16.1: ALTER TABLE … MODIFY COLUMN … REMOVE DEFAULT/CODEC/TTL needs 20.10 or later");
    }

    @Test
    void rebuildRefusesAFixedReplicationPath() {
        Table before = Table.builder("events").column("id", "UInt64").orderBy("id")
                .engine(TableEngine.of("ReplicatedMergeTree", "'/clickhouse/tables/01/events'", "'{replica}'")).build();
        Table after = before.toBuilder().column("x", "UInt8").orderBy("id", "x").build();
        assertThatThrownBy(() -> new RebuildTable(before, after, true).toSql())
                .hasMessageContaining("names no {table} or {uuid}").hasMessageContaining("DropTable then CreateTable");
    }

    @Test
    void populateMatchesColumnsByName() {
        assertThat(new PopulateMaterializedView("mv", null, "t", "db", "SELECT a AS x, t.b, c FROM s", false).toSql())
                .containsExactly("INSERT INTO `db`.`t` (`x`, `b`, `c`) SELECT a AS x, t.b, c FROM s");
        assertThat(new PopulateMaterializedView("mv", null, "t", null, "SELECT *, 1 FROM s", true).toSql())
                .containsExactly("TRUNCATE TABLE `t`", "INSERT INTO `t` SELECT *, 1 FROM s");
    }

    @Test
    void identifiersAreAlwaysQuoted() {
        TableRef weird = new TableRef("my`table", "my db", null);
        assertThat(new DropTableColumn(weird, "col`x").toSql())
                .containsExactly("ALTER TABLE `my db`.`my\\`table` DROP COLUMN `col\\`x`");
    }
}
