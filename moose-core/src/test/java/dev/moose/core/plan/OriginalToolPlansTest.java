package dev.moose.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Plans in the original tool's shapes mean what they mean there. Engines in its tagged form ({@code {ReplacingMergeTree: {ver: v}}}, its ClickhouseEngine serde
 * type): parameters read by name and put in ClickHouse's order, whatever their order in the file; anything this
 * reader cannot give the original's meaning is refused, naming the field.
 */
class OriginalToolPlansTest {

    /** A CreateTable of table {@code t} whose table mapping continues with {@code rest} (YAML at the table's indentation). */
    private static CreateTable createTable(String rest) {
        MigrationPlan plan = MigrationPlan.parse("""
                operations:
                  - CreateTable:
                      table:
                        name: t
                """ + rest.indent(8));
        return (CreateTable) plan.operations().get(0);
    }

    private static String engineOf(String engineYaml) {
        return createTable("columns:\n  - {name: id, data_type: UInt64}\n" + engineYaml).table().engine().render();
    }

    @Test
    void parametersAreTakenByNameInClickHousesOrder() {
        assertThat(engineOf("engine:\n  ReplacingMergeTree: {is_deleted: deleted, ver: updated_at}"))
                .isEqualTo("ReplacingMergeTree(updated_at, deleted)");
        assertThat(engineOf("engine:\n  ReplacingMergeTree: {ver: updated_at}")).isEqualTo("ReplacingMergeTree(updated_at)");
        assertThat(engineOf("engine:\n  ReplacingMergeTree: null")).isEqualTo("ReplacingMergeTree");
        assertThat(engineOf("engine:\n  SummingMergeTree: {columns: [a, b]}")).isEqualTo("SummingMergeTree((a, b))");
        assertThat(engineOf("engine:\n  VersionedCollapsingMergeTree: {version: v, sign: s}")).isEqualTo("VersionedCollapsingMergeTree(s, v)");
        assertThat(engineOf("engine:\n  Distributed: {sharding_key: cityHash64(id), target_table: t_local, target_database: shop, cluster: main}"))
                .isEqualTo("Distributed('main', 'shop', 't_local', cityHash64(id))");
        assertThat(engineOf("engine:\n  Buffer: {target_database: shop, target_table: t, num_layers: 16, min_time: 10, max_time: 100, "
                + "min_rows: 10000, max_rows: 1000000, min_bytes: 10000000, max_bytes: 100000000}"))
                .isEqualTo("Buffer('shop', 't', 16, 10, 100, 10000, 1000000, 10000000, 100000000)");
        assertThat(engineOf("engine:\n  ReplicatedReplacingMergeTree: {replica_name: '{replica}', keeper_path: '/clickhouse/tables/{shard}/t', ver: v}"))
                .isEqualTo("ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/t', '{replica}', v)");
        assertThat(engineOf("engine: null")).as("as in the original tool: no engine is MergeTree").isEqualTo("MergeTree");
    }

    @Test
    void whatCannotMeanTheSameIsRefusedNamingTheField() {
        assertThatThrownBy(() -> engineOf("engine:\n  ReplacingMergeTree: {is_deleted: deleted}"))
                .hasMessageContaining("engine.ReplacingMergeTree.is_deleted cannot be given without 'ver'");
        assertThatThrownBy(() -> engineOf("engine:\n  ReplacingMergeTree: {version: v}"))
                .hasMessageContaining("has an unknown field 'version'");
        assertThatThrownBy(() -> engineOf("engine:\n  CollapsingMergeTree: {}")).hasMessageContaining("needs 'sign'");
        assertThatThrownBy(() -> engineOf("engine:\n  ReplicatedMergeTree: {keeper_path: /p}"))
                .hasMessageContaining("replica_name is missing: give keeper_path and replica_name together");
        assertThatThrownBy(() -> engineOf("engine:\n  S3Queue: {s3_path: s3://b/x, format: JSONEachRow}"))
                .hasMessageContaining("write the engine as text");
        assertThatThrownBy(() -> engineOf("engine:\n  Buffer: {target_database: shop, target_table: t, num_layers: many, min_time: 1, "
                + "max_time: 1, min_rows: 1, max_rows: 1, min_bytes: 1, max_bytes: 1}"))
                .hasMessageContaining("num_layers must be a whole number, found many");
    }

    private static String columnsOf(String columnsYaml) {
        return createTable("columns:\n" + columnsYaml.indent(2) + "order_by: [id]\n").toSql().get(0);
    }

    @Test
    void columnsInTheOriginalToolsShapeMeanWhatTheyMeanThere() {
        String sql = columnsOf("""
                - {name: id, data_type: UInt64, required: true, unique: false, primary_key: true}
                - name: status
                  data_type: {name: Status, values: [{name: ACTIVE, value: {String: active}}, {name: GONE, value: {String: gone}}]}
                  required: true
                - name: total
                  data_type: Float64
                  required: true
                  annotations: [[simpleAggregationFunction, {functionName: sum, argumentType: Float64}]]
                - name: visitors
                  data_type: String
                  required: false
                  annotations: [[aggregationFunction, {functionName: uniq, argumentTypes: [String]}]]
                """);
        assertThat(sql).contains("`status` Enum8('active' = 1, 'gone' = 2)",
                "`total` SimpleAggregateFunction(sum, Float64)", "`visitors` AggregateFunction(uniq, String)", "ORDER BY id");
        assertThat(columnsOf("- {name: id, data_type: UInt64}\n- {name: d, data_type: Date16}\n- {name: ts, data_type: 'DateTime(3)'}\n"
                + "- {name: tz, data_type: \"DateTime('UTC')\"}"))
                .as("the original's names that ClickHouse lacks").contains("`d` Date,", "`ts` DateTime64(3),", "`tz` DateTime('UTC')");
        assertThatThrownBy(() -> columnsOf("- {name: id, data_type: UInt64, annotations: [[nonsense, true]]}"))
                .hasMessageContaining("'nonsense' is not an annotation this reader knows");
    }

    @Test
    void primaryKeyFlagsMakeThePrimaryKeyWhateverTheOrderBy() {
        CreateTable create = createTable("""
                columns:
                  - {name: id, data_type: UInt64, required: true, primary_key: true}
                  - {name: ts, data_type: DateTime, required: true, primary_key: false}
                order_by: []
                """);
        assertThat(create.toSql().get(0)).contains("ORDER BY id").doesNotContain("tuple()");
    }
}
