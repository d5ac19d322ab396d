package dev.moose.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void isCanonical() {
        Table t = Table.builder("events").column("id", "UInt64").column("ts", "DateTime")
                .orderBy("(id, ts)").primaryKey("id", "ts").partitionBy("  toYYYYMM( ts )")
                .setting("index_granularity", "8192").setting("storage_policy", "hot").build();
        assertThat(t.orderBy()).as("a tuple is split into its elements").containsExactly("id", "ts");
        assertThat(t.primaryKey()).isEmpty();
        Table split = Table.builder("events").column("id", "UInt64").column("ts", "DateTime")
                .orderBy("id", "ts").primaryKey("id", "ts").build();
        assertThat(split.primaryKey()).as("a primary key equal to the sorting key is left out").isEmpty();
        assertThat(t.partitionBy()).isEqualTo("toYYYYMM(ts)");
        assertThat(t.settings()).as("MergeTree's implicit granularity is left out").containsOnlyKeys("storage_policy")
                .containsEntry("storage_policy", "'hot'");
    }

    @Test
    void validationNamesTheObject() {
        assertThatThrownBy(() -> Table.builder("t").build()).hasMessage("table 't' has no columns");
        assertThatThrownBy(() -> Table.builder("t").database("db").column("a", "String").column("a", "UInt8").build())
                .hasMessage("table 'db.t' has two columns named 'a'");
        assertThatThrownBy(() -> Table.builder("t").column("a", "String").engine(TableEngine.of("Memory")).orderBy("a").build())
                .hasMessageContaining("table 't': engine Memory has no ORDER BY");
        assertThatThrownBy(() -> Table.builder("t").column("a", "UInt8").column("b", "UInt8").orderBy("a", "b").primaryKey("b").build())
                .hasMessage("table 't': the primary key b must be a prefix of the sorting key (a, b)");
        assertThatThrownBy(() -> new Column("c", dev.moose.core.types.ClickHouseType.parse("String"),
                ColumnDefault.of(ColumnDefault.Kind.ALIAS, "x"), null, "ZSTD", null, null))
                .hasMessage("column 'c': an ALIAS column is not stored, so it cannot have a CODEC");
        assertThatThrownBy(() -> new MaterializedView("mv", null, "", null, "SELECT 1", null))
                .hasMessage("materialized view 'mv' needs a target table (TO …)");
        assertThatThrownBy(() -> InfraMap.of(List.of(Table.builder("x").column("a", "UInt8").build()), List.of(),
                List.of(new View("x", null, "SELECT 1", null)), List.of()))
                .hasMessage("'x' is both a view and a table");
    }

    @Test
    void enginesParseAndRender() {
        assertThat(TableEngine.parse("ReplacingMergeTree(ver)")).isEqualTo(TableEngine.of("ReplacingMergeTree", "ver"));
        assertThat(TableEngine.parse("MergeTree")).isEqualTo(TableEngine.mergeTree());
        assertThat(TableEngine.parse("MergeTree()").render()).isEqualTo("MergeTree");
        TableEngine replicated = TableEngine.parse("ReplicatedMergeTree('/clickhouse/tables/{shard}/t', '{replica}')");
        assertThat(replicated.arguments()).containsExactly("'/clickhouse/tables/{shard}/t'", "'{replica}'");
        assertThat(replicated.baseName()).isEqualTo("MergeTree");
        assertThat(TableEngine.parse("SharedReplacingMergeTree('/x', '{replica}', ver)").baseName()).isEqualTo("ReplacingMergeTree");
        assertThat(TableEngine.parse("SummingMergeTree((a, b))").arguments()).containsExactly("(a, b)");
    }

    @Test
    void settingLiterals() {
        assertThat(Table.settingLiteral("4096")).isEqualTo("4096");
        assertThat(Table.settingLiteral("0.5")).isEqualTo("0.5");
        assertThat(Table.settingLiteral("hot_cold")).isEqualTo("'hot_cold'");
        assertThat(Table.settingLiteral("'hot_cold'")).isEqualTo("'hot_cold'");
        assertThat(Table.settingLiteral("it's")).isEqualTo("'it\\'s'");
        assertThat(Table.settingLiteral("True")).isEqualTo("true");
    }

    @Test
    void columnDefinitionsQuoteAndEscape() {
        Column c = new Column("user name", dev.moose.core.types.ClickHouseType.parse("String"),
                ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'n/a'"), "it's \"quoted\"", "ZSTD(3)", "ts + INTERVAL 1 DAY", null);
        assertThat(c.definition()).isEqualTo("`user name` String DEFAULT 'n/a' COMMENT 'it\\'s \"quoted\"' CODEC(ZSTD(3)) TTL ts + INTERVAL 1 DAY");
    }
}
