package dev.moose.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every plan shown in the seed documents reads, and renders the SQL the documents imply. */
public class SeedPlansTest {

    public static MigrationPlan seed(String file) {
        try (InputStream in = SeedPlansTest.class.getResourceAsStream("/seeds/plans/" + file)) {
            return MigrationPlan.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> sql(MigrationPlan plan) {
        return plan.operations().stream().flatMap(o -> o.toSql().stream()).toList();
    }

    @Test
    void newTablesAndView() {
        MigrationPlan plan = seed("01-new-tables-and-view.yaml");
        assertThat(plan.operations()).extracting(Operation::name).containsExactly("CreateTable", "CreateTable", "RawSql");
        assertThat(sql(plan)).containsExactly(
                "CREATE TABLE `new_table`\n(\n    `id` String,\n    `a_column` String,\n    `some_other_column` Float64\n)\n"
                        + "ENGINE = MergeTree\nORDER BY id",
                "CREATE TABLE `target_table`\n(\n    `id` String,\n    `a_column` String,\n    `some_other_column` Float64\n)\n"
                        + "ENGINE = MergeTree\nORDER BY id",
                "CREATE MATERIALIZED VIEW mv_to_target TO target_table AS SELECT * FROM source_table");
        assertThat(((RawSql) plan.operations().get(2)).description()).isEqualTo("Running setup SQL for resource mv_to_target");
    }

    @Test
    void addColumn() {
        assertThat(sql(seed("02-add-column.yaml"))).containsExactly("ALTER TABLE `events` ADD COLUMN `new_column` Int64");
    }

    @Test
    void dropColumn() {
        MigrationPlan plan = seed("03-drop-column.yaml");
        assertThat(sql(plan)).containsExactly("ALTER TABLE `events` DROP COLUMN `old_column`");
        assertThat(plan.operations().get(0).isDestructive()).isTrue();
    }

    @Test
    void changeColumnType() {
        assertThat(sql(seed("04-change-column-type.yaml")))
                .containsExactly("ALTER TABLE `events` MODIFY COLUMN `some_column` LowCardinality(String)");
    }

    @Test
    void materializedViewSelectChanged() {
        MigrationPlan plan = seed("05-materialized-view-select-changed.yaml");
        assertThat(plan.createdAt()).hasToString("2025-08-20T05:35:31.668353Z");
        assertThat(plan.operations()).extracting(Operation::name).containsExactly("RawSql", "AddTableColumn", "RawSql");
        List<String> sql = sql(plan);
        assertThat(sql).hasSize(4);
        assertThat(sql.get(0)).isEqualTo("DROP VIEW IF EXISTS mv_table_to_target");
        assertThat(sql.get(1)).isEqualTo("ALTER TABLE `target_table` ADD COLUMN `avg` Float64");
        assertThat(sql.get(2)).startsWith("CREATE MATERIALIZED VIEW IF NOT EXISTS mv_table_to_target \n TO target_table");
        assertThat(sql.get(3)).startsWith("INSERT INTO target_table");
    }

    @Test
    void reviewedAndEdited() {
        MigrationPlan plan = seed("06-reviewed-and-edited.yaml");
        assertThat(plan.operations()).extracting(Operation::name)
                .containsExactly("DropTableColumn", "RenameTableColumn", "AddTableColumn", "ModifyTableColumn", "RawSql");
        assertThat(sql(plan)).containsExactly(
                "ALTER TABLE `events` DROP COLUMN `deprecated_field`",
                "ALTER TABLE `events` RENAME COLUMN `createdAt` TO `created_at`",
                "ALTER TABLE `events` ADD COLUMN `status` Nullable(String) AFTER `created_at`",
                // value was Nullable(Float64) (required: false) and stays so: nothing to run
                "CREATE VIEW IF NOT EXISTS `events_by_user` AS SELECT user_id, count() AS c FROM events GROUP BY user_id");
        ModifyTableColumn modify = (ModifyTableColumn) plan.operations().get(3);
        assertThat(modify.before().type()).hasToString("Nullable(Float64)");
        assertThat(modify.after().type()).hasToString("Nullable(Float64)");
        // the reviewer who wrote it learns, at generate, verify and migrate, that it does nothing
        List<List<String>> rendered = plan.operations().stream().map(op -> op.render(RenderContext.current())).toList();
        assertThat(dev.moose.core.api.Preflight.emptyOperations(plan, rendered)).singleElement().asString()
                .startsWith("Operation 4 (ModifyTableColumn: ").contains("runs no statement");
    }

    @Test
    void rawSqlWithTheOriginalToolsDatabaseAndClusterKeysRunsAsWritten() {
        MigrationPlan plan = MigrationPlan.parse("""
                operations:
                  - RawSql:
                      sql: [OPTIMIZE TABLE events FINAL]
                      description: compact
                      database: analytics
                      cluster_name: null
                """);
        assertThat(sql(plan)).containsExactly("OPTIMIZE TABLE events FINAL");
    }

    @Test
    void renameAsGeneratedAndAsEdited() {
        assertThat(sql(seed("07-rename-as-generated.yaml"))).containsExactly(
                "ALTER TABLE `source_table` DROP COLUMN `created_at`",
                "ALTER TABLE `source_table` ADD COLUMN `createdAt` DateTime AFTER `color`");
        MigrationPlan edited = seed("08-rename-as-edited.yaml");
        assertThat(edited.createdAt()).hasToString("2025-08-20T05:35:31.668353Z");
        assertThat(sql(edited)).containsExactly("ALTER TABLE `source_table` RENAME COLUMN `created_at` TO `createdAt`");
        assertThat(edited.warnings()).singleElement().asString()
                .contains("has no 'operations:' key after 'created_at:'")
                .contains("operations:\n  - RenameTableColumn:");
    }

    @Test
    void defaultNowMeansTheCurrentTime() {
        assertThat(sql(seed("09-default-now.yaml")))
                .containsExactly("ALTER TABLE `source_table` ADD COLUMN `created_at` Nullable(DateTime) DEFAULT now()");
    }

    @Test
    void backfillWithRawSql() {
        assertThat(sql(seed("10-backfill-raw-sql.yaml"))).containsExactly(
                "ALTER TABLE `source_table` ADD COLUMN `created_at` Nullable(DateTime)",
                "UPDATE events SET created_at = toDateTime(created_at_ms / 1000) WHERE created_at IS NULL");
    }

    @Test
    void everySeedPlanSurvivesBeingWrittenAndReadAgain() {
        for (String file : List.of("01-new-tables-and-view.yaml", "02-add-column.yaml", "03-drop-column.yaml",
                "04-change-column-type.yaml", "05-materialized-view-select-changed.yaml", "06-reviewed-and-edited.yaml",
                "07-rename-as-generated.yaml", "08-rename-as-edited.yaml", "09-default-now.yaml", "10-backfill-raw-sql.yaml")) {
            MigrationPlan plan = seed(file);
            MigrationPlan again = MigrationPlan.parse(plan.toYaml());
            assertThat(again.operations()).as(file).isEqualTo(plan.operations());
            assertThat(again.checksum()).as(file).isEqualTo(plan.checksum());
        }
    }
}
