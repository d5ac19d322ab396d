package dev.moose.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moose.core.model.Column;
import dev.moose.core.model.Equivalence;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableEngine;
import dev.moose.core.model.View;
import dev.moose.core.types.ClickHouseType;
import dev.moose.core.version.ServerVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact SQL of operations on clustered objects, for ClickHouse 26.x (self-managed, ON CLUSTER) and ClickHouse
 * Cloud (no cluster: a Replicated database replicates DDL itself); the 18.16 cluster runs them for real
 * (ClusterTest).
 */
class ClusterRenderingTest {

    private static final ServerVersion V26 = ServerVersion.parse("26.5");
    private static final List<Shard> TWO_SHARDS = List.of(new Shard(1, 0, List.of("ch1:9000", "ch2:9000")),
            new Shard(2, 1, List.of("ch3:9000", "ch4:9000")));
    private static final RenderContext CLUSTER_26 = RenderContext.of(V26).withDatabase("shop")
            .withClusters(Map.of("main", TWO_SHARDS));
    private static final RenderContext CLOUD = RenderContext.of(ServerVersion.parse("25.8")).withDatabase("shop");
    private static final RenderContext V18 = RenderContext.of(ServerVersion.parse("18.16.1")).withDatabase("shop")
            .withClusters(Map.of("main", TWO_SHARDS));

    private static Table orders(String engine, String cluster) {
        return Table.builder("orders").cluster(cluster).column("id", "UInt64").column("customer", "String")
                .engine(TableEngine.parse(engine)).orderBy("id").build();
    }

    @Test
    void replicatedTablesTakeTheServersDefaultKeeperPathWhereThereIsOne() {
        assertThat(new CreateTable(orders("ReplicatedReplacingMergeTree(id)", "main")).render(CLUSTER_26)).containsExactly(
                "CREATE TABLE `orders` ON CLUSTER `main`\n(\n    `id` UInt64,\n    `customer` String\n)\n"
                        + "ENGINE = ReplicatedReplacingMergeTree(id)\nORDER BY id");
        assertThat(new CreateTable(orders("ReplicatedReplacingMergeTree(id)", "main")).render(V18)).containsExactly(
                "CREATE TABLE `orders` ON CLUSTER `main`\n(\n    `id` UInt64,\n    `customer` String\n)\n"
                        + "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/orders', '{replica}', id)\n"
                        + "ORDER BY id");
        // ClickHouse Cloud: no ON CLUSTER, no keeper path (a Replicated database refuses explicit ones from 24.9)
        assertThat(new CreateTable(orders("ReplicatedMergeTree", null)).render(CLOUD)).containsExactly(
                "CREATE TABLE `orders`\n(\n    `id` UInt64,\n    `customer` String\n)\nENGINE = ReplicatedMergeTree\nORDER BY id");
    }

    @Test
    void aReplicatedEngineWithoutKeeperPathMatchesAnyServerChosenOne() {
        TableEngine declared = TableEngine.parse("ReplicatedReplacingMergeTree(ver)");
        assertThat(Equivalence.sameEngine(declared,
                TableEngine.parse("ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/orders', '{replica}', ver)"))).isTrue();
        assertThat(Equivalence.sameEngine(declared, TableEngine.parse("SharedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', "
                + "'{replica}', ver)"))).isTrue();
        assertThat(Equivalence.sameEngine(declared, TableEngine.parse("ReplicatedReplacingMergeTree('/p', '{replica}', other)"))).isFalse();
        assertThat(Equivalence.sameEngine(TableEngine.parse("ReplicatedMergeTree('/a', 'r')"),
                TableEngine.parse("ReplicatedMergeTree('/b', 'r')"))).as("declared paths are compared").isFalse();
    }

    @Test
    void aDistributedTableNamesTheConnectionsDatabaseForEveryHost() {
        Table events = Table.builder("events").cluster("main").column("id", "UInt64")
                .engine(TableEngine.parse("Distributed(main, currentDatabase(), events_local, cityHash64(id))")).build();
        assertThat(events.engine().arguments()).as("one form for names and strings")
                .containsExactly("'main'", "currentDatabase()", "'events_local'", "cityHash64(id)");
        assertThat(new CreateTable(events).render(CLUSTER_26)).containsExactly(
                "CREATE TABLE `events` ON CLUSTER `main`\n(\n    `id` UInt64\n)\n"
                        + "ENGINE = Distributed('main', 'shop', 'events_local', cityHash64(id))");
        assertThat(new CreateTable(events).toSql().get(0)).contains("Distributed('main', currentDatabase(), 'events_local', cityHash64(id))");
    }

    @Test
    void viewsOnAClusterReadTablesOfTheConnectionsDatabase() {
        View v = new View("big_orders", null, "SELECT o.id FROM orders AS o JOIN (SELECT id FROM refunds) AS r USING id "
                + "ARRAY JOIN tags WHERE extract(day FROM ts) = 1", null);
        assertThat(new CreateView(v, "main").render(CLUSTER_26)).containsExactly("CREATE VIEW `big_orders` ON CLUSTER `main` AS "
                + "SELECT o.id FROM `shop`.`orders` AS o JOIN (SELECT id FROM `shop`.`refunds`) AS r USING id ARRAY JOIN tags "
                + "WHERE extract(day FROM ts) = 1");
        assertThat(new CreateView(v, null).render(CLOUD).get(0)).contains("FROM orders AS o");
        MaterializedView mv = new MaterializedView("totals_mv", null, "totals", null,
                "WITH recent AS (SELECT * FROM orders) SELECT customer, count() AS n FROM recent GROUP BY customer", null);
        assertThat(new CreateMaterializedView(mv, "main").render(CLUSTER_26)).containsExactly("CREATE MATERIALIZED VIEW `totals_mv` "
                + "ON CLUSTER `main` TO `shop`.`totals` AS WITH recent AS (SELECT * FROM `shop`.`orders`) SELECT customer, count() AS n "
                + "FROM recent GROUP BY customer");
        assertThat(new DropView("big_orders", null, "main").render(CLUSTER_26)).containsExactly("DROP VIEW `big_orders` ON CLUSTER `main`");
        assertThat(new CreateDatabase("shop", "main").render(CLUSTER_26)).containsExactly("CREATE DATABASE IF NOT EXISTS `shop` ON CLUSTER `main`");
    }

    @Test
    void everyAlterOfAClusteredTableRunsOnTheCluster() {
        TableRef ref = new TableRef("orders", null, "main");
        Column note = new Column("note", ClickHouseType.parse("String"), null, null, null, null, null);
        assertThat(new AddTableColumn(ref, note, "customer", false).render(CLUSTER_26))
                .containsExactly("ALTER TABLE `orders` ON CLUSTER `main` ADD COLUMN `note` String AFTER `customer`");
        assertThat(new DropTableColumn(ref, "note").render(CLUSTER_26))
                .containsExactly("ALTER TABLE `orders` ON CLUSTER `main` DROP COLUMN `note`");
        assertThat(new DropTable(ref).render(CLUSTER_26)).singleElement().asString().startsWith("DROP TABLE `orders` ON CLUSTER `main`");
    }

    @Test
    void aRebuildOnAClusterCopiesEveryShardIntoItself() {
        Table before = orders("ReplicatedMergeTree", "main");
        Table after = before.toBuilder().orderBy("customer", "id").build();
        List<String> sql = new RebuildTable(before, after, true).render(CLUSTER_26);
        assertThat(sql).containsExactly(
                "DROP TABLE IF EXISTS `orders__moose_rebuild` ON CLUSTER `main`",
                "CREATE TABLE `orders__moose_rebuild` ON CLUSTER `main`\n(\n    `id` UInt64,\n    `customer` String\n)\n"
                        + "ENGINE = ReplicatedMergeTree\nORDER BY (customer, id)",
                "DROP TABLE IF EXISTS `orders__moose_copy`",
                "CREATE TABLE `orders__moose_copy` AS `orders__moose_rebuild` ENGINE = Distributed('main', currentDatabase(), "
                        + "'orders__moose_rebuild', 0)",
                "INSERT INTO `orders__moose_copy` (`id`, `customer`) SELECT `id`, `customer` FROM remote('ch1:9000|ch2:9000', "
                        + "currentDatabase(), 'orders', '${connection:user}', '${connection:password}')",
                "DROP TABLE `orders__moose_copy`",
                "DROP TABLE IF EXISTS `orders__moose_copy`",
                "CREATE TABLE `orders__moose_copy` AS `orders__moose_rebuild` ENGINE = Distributed('main', currentDatabase(), "
                        + "'orders__moose_rebuild', 1)",
                "INSERT INTO `orders__moose_copy` (`id`, `customer`) SELECT `id`, `customer` FROM remote('ch3:9000|ch4:9000', "
                        + "currentDatabase(), 'orders', '${connection:user}', '${connection:password}')",
                "DROP TABLE `orders__moose_copy`",
                "RENAME TABLE `orders` TO `orders__moose_old`, `orders__moose_rebuild` TO `orders` ON CLUSTER `main`",
                "DROP TABLE `orders__moose_old` ON CLUSTER `main`");
        // 18.16 has no default keeper path: the new table gets one of its own, apart from the table it replaces
        assertThat(new RebuildTable(before, after, true).render(V18).get(1))
                .matches("(?s).*ReplicatedMergeTree\\('/clickhouse/tables/\\{shard}/\\{database}/orders/[0-9a-f]{12}', '\\{replica}'\\).*");
    }

    @Test
    void aRebuildThatCannotKeepEveryRowIsRefused() {
        Table before = orders("MergeTree", "main");
        Table after = before.toBuilder().orderBy("customer", "id").build();
        assertThatThrownBy(() -> new RebuildTable(before, after, true).render(CLUSTER_26))
                .hasMessageContaining("each host holds rows of its own").hasMessageContaining("Make it a Replicated table first");
        assertThatThrownBy(() -> new RebuildTable(before, after, true).render(RenderContext.of(V26)))
                .hasMessageContaining("copies the rows of every shard");
    }

    @Test
    void aBackfillOnShardsReadsEachShardsOwnSources() {
        PopulateMaterializedView p = new PopulateMaterializedView("totals_mv", null, "totals", null,
                "SELECT o.customer, count() AS n FROM orders AS o JOIN shop2.refunds USING id GROUP BY o.customer", true, "main");
        assertThat(p.render(CLUSTER_26)).containsExactly(
                "TRUNCATE TABLE `totals` ON CLUSTER `main`",
                "DROP TABLE IF EXISTS `totals__moose_copy`",
                "CREATE TABLE `totals__moose_copy` AS `totals` ENGINE = Distributed('main', currentDatabase(), 'totals', 0)",
                "INSERT INTO `totals__moose_copy` (`customer`, `n`) SELECT o.customer, count() AS n FROM remote('ch1:9000|ch2:9000', "
                        + "currentDatabase(), 'orders', '${connection:user}', '${connection:password}') AS o JOIN remote('ch1:9000|ch2:9000', "
                        + "'shop2', 'refunds', '${connection:user}', '${connection:password}') AS `refunds` USING id GROUP BY o.customer",
                "DROP TABLE `totals__moose_copy`",
                "DROP TABLE IF EXISTS `totals__moose_copy`",
                "CREATE TABLE `totals__moose_copy` AS `totals` ENGINE = Distributed('main', currentDatabase(), 'totals', 1)",
                "INSERT INTO `totals__moose_copy` (`customer`, `n`) SELECT o.customer, count() AS n FROM remote('ch3:9000|ch4:9000', "
                        + "currentDatabase(), 'orders', '${connection:user}', '${connection:password}') AS o JOIN remote('ch3:9000|ch4:9000', "
                        + "'shop2', 'refunds', '${connection:user}', '${connection:password}') AS `refunds` USING id GROUP BY o.customer",
                "DROP TABLE `totals__moose_copy`");
        assertThat(new PopulateMaterializedView("totals_mv", null, "totals", null, "SELECT customer FROM orders", false, null)
                .render(CLUSTER_26)).containsExactly("INSERT INTO `totals` (`customer`) SELECT customer FROM orders");
    }

    @Test
    void aReplicatedEngineInTheOriginalToolsTaggedFormKeepsItsKeeperPath() {
        MigrationPlan plan = MigrationPlan.parse("""
                operations:
                  - CreateTable:
                      table:
                        name: orders
                        columns:
                          - {name: id, data_type: UInt64}
                        order_by: [id]
                        engine:
                          ReplicatedMergeTree:
                            keeper_path: /clickhouse/tables/{shard}/orders
                            replica_name: '{replica}'
                        cluster_name: main
                """);
        assertThat(plan.operations().get(0).render(CLUSTER_26)).singleElement().asString()
                .contains("ON CLUSTER `main`")
                .contains("ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/orders', '{replica}')");
    }
}
