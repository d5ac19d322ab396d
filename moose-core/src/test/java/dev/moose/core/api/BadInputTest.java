package dev.moose.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.model.InfraMapJson;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.server.ConnectionSettings;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestDatabase;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of broken inputs, each given to {@code migrate} against a live database: every one is refused with a
 * message that says where (file:line:column, or the file and the field) and what to do, as an error the user can
 * fix, and the database is exactly as before.
 */
class BadInputTest {

    /** A broken plan.yaml, remote_state.json or local_infra_map.json, and what its message must contain. */
    private record Case(String file, String content, String says) {
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    private static Map<String, Case> corpus(String plan, String remote, String local) {
        Map<String, Case> c = new LinkedHashMap<>();
        c.put("malformed YAML", new Case(MigrationFiles.PLAN, "operations:\n  - CreateTable: {table: [\n", "plan.yaml:"));
        c.put("truncated plan", new Case(MigrationFiles.PLAN, plan.substring(0, plan.length() / 2), "plan.yaml:"));
        c.put("operations of the wrong type", new Case(MigrationFiles.PLAN, "operations: 5\n", "plan.yaml:1:"));
        c.put("a field of the wrong type", new Case(MigrationFiles.PLAN,
                "operations:\n  - DropTable:\n      table: [a, b]\n", "plan.yaml:3:"));
        c.put("a huge integer", new Case(MigrationFiles.PLAN, "operations:\n  - AddTableIndex:\n      table: events\n"
                + "      index: {name: i, expression: id, type: minmax, granularity: 99999999999999999999}\n", "plan.yaml:4:"));
        c.put("a huge enum value", new Case(MigrationFiles.PLAN, "operations:\n  - AddTableColumn:\n      table: events\n"
                + "      column:\n        name: e\n        data_type:\n          name: E\n          values:\n"
                + "            - {name: a, value: 99999999999999999999}\n", "plan.yaml:9:"));
        c.put("a duplicate key", new Case(MigrationFiles.PLAN, "operations: []\noperations: []\n", "plan.yaml:2:1: "));
        c.put("several documents", new Case(MigrationFiles.PLAN, "operations: []\n---\noperations: []\n", "plan.yaml:"));
        c.put("deep nesting", new Case(MigrationFiles.PLAN, "operations: " + repeat("[", 5000) + repeat("]", 5000) + "\n",
                "plan.yaml:1:"));
        StringBuilder bomb = new StringBuilder("operations:\n  - RawSql:\n      description: &d0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 12; level++) {
            bomb.append("      d").append(level).append(": &d").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*d" + (level - 1)))).append("]\n");
        }
        bomb.append("      sql: *d12\n");
        c.put("an alias bomb", new Case(MigrationFiles.PLAN, bomb.toString(), "plan.yaml:"));
        c.put("an unknown operation", new Case(MigrationFiles.PLAN, "operations:\n  - TruncateEverything: {}\n", "plan.yaml:2:"));
        c.put("truncated snapshot", new Case(MigrationFiles.REMOTE_STATE, remote.substring(0, remote.length() / 2),
                MigrationFiles.REMOTE_STATE));
        c.put("another format_version", new Case(MigrationFiles.REMOTE_STATE,
                remote.replace("\"format_version\": 1", "\"format_version\": 99"), MigrationFiles.REMOTE_STATE));
        c.put("an unknown field", new Case(MigrationFiles.LOCAL_INFRA_MAP,
                local.replace("\"format_version\": 1", "\"format_version\": 1,\n  \"surprise\": true"), "local_infra_map.json at surprise: is not a field"));
        c.put("an unknown column field", new Case(MigrationFiles.REMOTE_STATE,
                remote.replace("\"name\": \"id\"", "\"name\": \"id\", \"nullable\": true"), "remote_state.json at tables.events.columns[0].nullable"));
        c.put("not JSON", new Case(MigrationFiles.LOCAL_INFRA_MAP, "<xml/>", MigrationFiles.LOCAL_INFRA_MAP));
        return c;
    }

    @ClickHouseTest
    void everyBrokenInputIsRefusedWithWhereAndHowAndChangesNothing(TestDatabase db, @TempDir Path dir) throws IOException {
        MigratorTest.migrateTo(db, MigratorTest.v1());
        MigrationInput good = MigratorTest.generate(db.connection(), MigratorTest.v2());
        MigrationFiles files = new MigrationFiles(dir);
        String plan = good.plan().toYaml();
        String remote = InfraMapJson.write(new InfraMapJson.Snapshot(good.remoteState(), null, good.unmanaged()));
        String local = InfraMapJson.write(new InfraMapJson.Snapshot(good.localInfraMap(), null));
        assertThat(remote).contains("\"format_version\": 1");
        List<String> before = MigratorTest.snapshot(db);
        for (Map.Entry<String, Case> e : corpus(plan, remote, local).entrySet()) {
            Files.writeString(files.plan(), plan, StandardCharsets.UTF_8);
            Files.writeString(files.remoteState(), remote, StandardCharsets.UTF_8);
            Files.writeString(files.localInfraMap(), local, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(e.getValue().file()), e.getValue().content(), StandardCharsets.UTF_8);
            assertRefused(e.getKey(), e.getValue().says(), () -> Migrator.migrate(db.connection(), MigrationInput.load(files),
                    null, MigratorTest.FAST, MooseLog.silent()));
            assertThat(MigratorTest.snapshot(db)).as(e.getKey() + ": the database is untouched").isEqualTo(before);
        }
    }

    @ClickHouseTest
    void aPlanOfAHundredMegabytesIsRefusedBeforeItIsRead(TestDatabase db, @TempDir Path dir) throws IOException {
        MigrationFiles files = new MigrationFiles(dir);
        try (Writer w = Files.newBufferedWriter(files.plan(), StandardCharsets.UTF_8)) {
            w.write("operations:\n");
            String op = "  - RawSql: {sql: [\"SELECT 1\"], description: " + "x".repeat(1000) + "}\n";
            for (long written = 0; written < 100L * 1024 * 1024; written += op.length()) {
                w.write(op);
            }
        }
        List<String> before = MigratorTest.snapshot(db);
        assertRefused("100 MB", "plan.yaml", () -> MigrationPlan.read(files.plan()));
        assertThat(catchThrowable(() -> MigrationPlan.read(files.plan()))).hasMessageContaining(" MB");
        assertThat(MigratorTest.snapshot(db)).isEqualTo(before);
    }

    @Test
    void badUrlsSayWhatIsWrongWithThem() {
        for (String url : List.of("clickhouse://host:notaport/db", "ftp://host/db", "http://")) {
            assertRefused(url, "ConnectionSettings.parse", () -> ConnectionSettings.parse(url));
        }
    }

    private static void assertRefused(String what, String says, Runnable action) {
        Throwable t = catchThrowable(action::run);
        assertThat(t).as(what + ": refused with a MooseException").isInstanceOf(MooseException.class);
        assertThat(((MooseException) t).isUserFixable()).as(what + ": an error the user can fix: " + t.getMessage()).isTrue();
        assertThat(t.getMessage()).as(what).contains(says);
    }
}
