package dev.moose.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moose.core.model.Column;
import dev.moose.core.model.ColumnDefault;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.SqlResource;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableIndex;
import dev.moose.core.model.TableProjection;
import dev.moose.core.model.View;
import dev.moose.core.types.ClickHouseType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanYamlTest {

    private static final TableRef T = new TableRef("events", "analytics", "main");

    static List<Operation> everyOperation() {
        Table table = Table.builder("events").database("analytics").column("id", "UInt64")
                .column(new Column("s", ClickHouseType.parse("LowCardinality(Nullable(String))"),
                        ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'it''s: # not a comment'"), "multi\nline", "ZSTD(3)", null, null))
                .orderBy("id").partitionBy("id % 10").setting("storage_policy", "hot").build();
        Column a = Column.of("n", "Int64");
        Column b = new Column("n", ClickHouseType.parse("Nullable(Int64)"), ColumnDefault.of(ColumnDefault.Kind.MATERIALIZED, "1 + 1"), null, null, null, null);
        MaterializedView mv = new MaterializedView("mv", null, "events", "analytics", "SELECT id,\n  s FROM src", null);
        SqlResource resource = new SqlResource("r", null, List.of("CREATE TABLE x (a UInt8) ENGINE = Memory"), List.of("DROP TABLE x"), List.of("events"));
        return List.of(
                new CreateDatabase("analytics", null),
                new CreateTable(table),
                new DropTable(T),
                new AddTableColumn(T, a, "id", false),
                new AddTableColumn(T, a, null, true),
                new DropTableColumn(T, "old"),
                new ModifyTableColumn(T, a, b),
                new ChangeTableColumn(T, "n", ClickHouseType.parse("Decimal(18, 4)")),
                new RenameTableColumn(T, "a", "b"),
                new ModifyTableSettings(T, new TreeMap<>(Map.of("a", "1")), new TreeMap<>(Map.of("a", "2", "b", "x"))),
                new ModifyTableTtl(T, null, "ts + INTERVAL 1 DAY"),
                new AddTableIndex(T, new TableIndex("i", "s", "set(100)", 2), true),
                new DropTableIndex(T, "i"),
                new AddTableProjection(T, new TableProjection("p", "SELECT * ORDER BY s"), false),
                new DropTableProjection(T, "p"),
                new ModifySampleBy(T, "intHash32(id)"),
                new RemoveSampleBy(T),
                new ModifyTableComment(T, null, "about"),
                new RebuildTable(table, table.toBuilder().orderBy("id", "s").build(), true),
                new CreateMaterializedView(mv, "main"),
                new DropMaterializedView("mv", null, "main"),
                new PopulateMaterializedView("mv", null, "events", "analytics", "SELECT 1", true),
                new CreateView(new View("v", "analytics", "SELECT 'yes' AS x", null)),
                new DropView("v", "analytics"),
                new CreateSqlResource(resource),
                new DropSqlResource(resource),
                new RawSql(List.of("SELECT 1", "SELECT 'two'"), "two statements"));
    }

    @Test
    void aPlanOfSeveralMegabytesIsRead() {
        List<Operation> ops = new java.util.ArrayList<>();
        for (int t = 0; t < 2500; t++) {
            Table.Builder b = Table.builder("table_" + t).orderBy("id").column("id", "UInt64");
            for (int c = 0; c < 30; c++) {
                b.column("column_number_" + c, "LowCardinality(Nullable(String))");
            }
            ops.add(new CreateTable(b.build()));
        }
        String yaml = MigrationPlan.of(ops).toYaml();
        assertThat(yaml.length()).isGreaterThan(4 * 1024 * 1024);
        assertThat(MigrationPlan.parse(yaml).operations()).isEqualTo(ops);
    }

    @Test
    void everyOperationRoundTripsThroughTheCanonicalForm() {
        MigrationPlan plan = MigrationPlan.of(everyOperation());
        String yaml = plan.toYaml();
        MigrationPlan back = MigrationPlan.parse(yaml);
        assertThat(back.operations()).isEqualTo(plan.operations());
        assertThat(back.createdAt()).isEqualTo(plan.createdAt());
        assertThat(back.toYaml()).isEqualTo(yaml);
        assertThat(MigrationPlan.operationNames()).containsExactlyInAnyOrderElementsOf(
                plan.operations().stream().map(Operation::name).distinct().toList());
    }

    @Test
    void destructiveOperationsAreMarkedForTheReviewer() {
        String yaml = MigrationPlan.of(List.of(new AddTableColumn(T, Column.of("a", "UInt8"), null, false),
                new DropTableColumn(T, "old"))).toYaml();
        assertThat(yaml).contains("  # DESTRUCTIVE: drops column analytics.events.old and its data\n  - DropTableColumn:");
        assertThat(yaml.indexOf("# DESTRUCTIVE:")).isGreaterThan(yaml.indexOf("AddTableColumn"));
    }

    @Test
    void theChecksumIgnoresCommentsFormattingAndTimestamp() {
        MigrationPlan plan = MigrationPlan.of(everyOperation());
        String edited = "# reviewed by ana\n" + plan.toYaml().replace("created_at:", "created_at: 2020-01-01T00:00:00Z\n#")
                .replace("\n\n", "\n");
        assertThat(MigrationPlan.parse(edited).checksum()).isEqualTo(plan.checksum());
        assertThat(MigrationPlan.of(everyOperation().subList(1, 5)).checksum()).isNotEqualTo(plan.checksum());
    }

    @Test
    void anEmptyPlanIsWrittenAndReadBack() {
        MigrationPlan empty = MigrationPlan.of(List.of());
        assertThat(empty.toYaml()).endsWith("operations: []\n");
        assertThat(MigrationPlan.parse(empty.toYaml()).isEmpty()).isTrue();
        assertThat(MigrationPlan.parse("").isEmpty()).isTrue();
        assertThat(MigrationPlan.parse("# only a comment\n").isEmpty()).isTrue();
    }

    @Test
    void yamlSyntaxErrorsGiveLineAndColumn() {
        assertThatThrownBy(() -> MigrationPlan.parse("- AddTableColumn:\n    table: events\n   column: [oops\n"))
                .isInstanceOf(PlanException.class).hasMessageStartingWith("plan.yaml:3:").hasMessageContaining("not valid YAML");
    }

    @Test
    void unknownOperationsListTheValidOnes() {
        assertThatThrownBy(() -> MigrationPlan.parse("operations:\n  - AddColumn:\n      table: events\n"))
                .hasMessageStartingWith("plan.yaml:2:5: unknown operation 'AddColumn'; valid operations: CreateTable, DropTable, "
                        + "AddTableColumn");
    }

    @Test
    void missingFieldsWrongTypesAndUnknownFieldsAreNamed() {
        assertThatThrownBy(() -> MigrationPlan.parse("- DropTableColumn:\n    table: events\n"))
                .hasMessageStartingWith("plan.yaml:2:5: DropTableColumn needs 'column_name'");
        assertThatThrownBy(() -> MigrationPlan.parse("- AddTableColumn:\n    table: events\n    column:\n      name: x\n      data_type: Strng\n"))
                .hasMessageStartingWith("plan.yaml:5:18: AddTableColumn.column.x.data_type: Invalid ClickHouse type 'Strng': unknown type 'Strng'");
        assertThatThrownBy(() -> MigrationPlan.parse("- AddTableColumn:\n    table: events\n    column:\n      name: x\n      data_type: String\n    afer_column: y\n"))
                .hasMessageStartingWith("plan.yaml:6:5: AddTableColumn has an unknown field 'afer_column'; its fields are: ")
                .hasMessageContaining("after_column");
        assertThatThrownBy(() -> MigrationPlan.parse("- RawSql:\n    sql:\n      nested: map\n"))
                .hasMessageStartingWith("plan.yaml:2:5: RawSql.sql must be text or a list of texts, found a mapping");
        assertThatThrownBy(() -> MigrationPlan.parse("- AddTableIndex:\n    table: t\n    index: {name: i, expression: x, type: minmax}\n    materialize: maybe\n"))
                .hasMessageStartingWith("plan.yaml:4:5: AddTableIndex.materialize must be true or false");
        assertThatThrownBy(() -> MigrationPlan.parse("- AddTableColumn: events\n"))
                .hasMessageStartingWith("plan.yaml:1:19: AddTableColumn needs its fields as a mapping, found text");
        assertThatThrownBy(() -> MigrationPlan.parse("surprise: 1\noperations: []\n"))
                .hasMessageStartingWith("plan.yaml:1:1: unknown key 'surprise' at the top of the plan");
    }

    @Test
    void readsAndWritesFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("migrations/plan.yaml");
        MigrationPlan plan = MigrationPlan.of(everyOperation());
        plan.write(file);
        assertThat(MigrationPlan.read(file).operations()).isEqualTo(plan.operations());
        Files.writeString(dir.resolve("bad.yaml"), "- Nope: {}\n");
        assertThatThrownBy(() -> MigrationPlan.read(dir.resolve("bad.yaml"))).hasMessageStartingWith(dir.resolve("bad.yaml") + ":1:3:");
        assertThatThrownBy(() -> MigrationPlan.read(dir.resolve("missing.yaml")))
                .hasMessageContaining("does not exist").hasMessageContaining("Generator.run(…)");
    }

    @Test
    void simulationNamesTheOperationThatDoesNotFit() {
        Table t = Table.builder("events").column("id", "UInt64").orderBy("id").build();
        MigrationPlan plan = MigrationPlan.of(List.of(new AddTableColumn(TableRef.of("events"), Column.of("a", "UInt8"), "id", false),
                new DropTableColumn(TableRef.of("events"), "nope")));
        assertThatThrownBy(() -> plan.simulate(dev.moose.core.model.InfraMap.ofTables(t)))
                .hasMessage("operation 2 of 2 (DropTableColumn) does not fit the state before it: DropTableColumn: table events has no column nope");
    }
}
