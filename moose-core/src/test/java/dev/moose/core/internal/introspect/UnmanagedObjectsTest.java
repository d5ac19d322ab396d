package dev.moose.core.internal.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.MooseLog;
import dev.moose.core.api.Generator;
import dev.moose.core.api.GeneratorTest;
import dev.moose.core.api.MigrationFiles;
import dev.moose.core.internal.bookkeeping.StateRegistry;
import dev.moose.core.internal.execute.PlanApplier;
import dev.moose.core.model.InfraMapJson;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ClickHouseException;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestDatabase;
import dev.moose.core.version.ServerVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database shared with other services holds objects the code does not declare and the model cannot express:
 * they are read as unmanaged, listed by generate and in remote_state.json, never altered or dropped, and never a
 * reason to fail.
 */
class UnmanagedObjectsTest {

    /** Objects of every kind a shared database may hold; each server creates the ones it has. */
    private static Map<String, String> kinds(String db) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("src", "CREATE TABLE src (id UInt64, v String) ENGINE = MergeTree ORDER BY id");
        m.put("mv_inner", "CREATE MATERIALIZED VIEW mv_inner ENGINE = MergeTree ORDER BY id AS SELECT id, v FROM src");
        m.put("mv_refresh", "CREATE MATERIALIZED VIEW mv_refresh REFRESH EVERY 1 HOUR ENGINE = MergeTree ORDER BY id AS SELECT id FROM src");
        m.put("v_invoker", "CREATE VIEW v_invoker SQL SECURITY INVOKER AS SELECT id FROM src");
        m.put("dict", "CREATE DICTIONARY dict (id UInt64, v String) PRIMARY KEY id SOURCE(CLICKHOUSE(TABLE 'src' DB '" + db
                + "')) LAYOUT(FLAT()) LIFETIME(0)");
        m.put("window_view", "CREATE WINDOW VIEW window_view AS SELECT count(id) AS n, tumbleStart(w_id) AS w "
                + "FROM src GROUP BY tumble(now(), INTERVAL '10' SECOND) AS w_id");
        m.put("null_sink", "CREATE TABLE null_sink (id UInt64) ENGINE = Null");
        m.put("buffered", "CREATE TABLE buffered (id UInt64, v String) ENGINE = Buffer('" + db + "', 'src', 1, 10, 100, 10000, 1000000, 10000000, 100000000)");
        m.put("merged", "CREATE TABLE merged (id UInt64, v String) ENGINE = Merge('" + db + "', '^src$')");
        m.put("filed", "CREATE TABLE filed (id UInt64) ENGINE = File(TabSeparated)");
        m.put("remote_url", "CREATE TABLE remote_url (id UInt64) ENGINE = URL('http://127.0.0.1:9/x.tsv', TabSeparated)");
        m.put("memory", "CREATE TABLE memory (id UInt64) ENGINE = Memory");
        m.put("distributed", "CREATE TABLE distributed (id UInt64, v String) ENGINE = Distributed('test_shard_localhost', '" + db
                + "', 'src')");
        m.put("s3queue", "CREATE TABLE s3queue (line String) ENGINE = S3Queue('http://127.0.0.1:9/bucket/*.csv', 'CSV') "
                + "SETTINGS mode = 'unordered'");
        m.put("kafka", "CREATE TABLE kafka (id UInt64) ENGINE = Kafka('127.0.0.1:9', 'topic', 'group', 'JSONEachRow')");
        m.put("constrained", "CREATE TABLE constrained (id UInt64, CONSTRAINT positive CHECK id > 0) ENGINE = MergeTree ORDER BY id");
        m.put("stats", "CREATE TABLE stats (id UInt64, x Float64 STATISTICS(tdigest)) ENGINE = MergeTree ORDER BY id");
        m.put("colsettings", "CREATE TABLE colsettings (id UInt64, s String SETTINGS (max_compress_block_size = 65536)) "
                + "ENGINE = MergeTree ORDER BY id");
        return m;
    }

    /** What each server must have created, so that the test cannot pass on an empty database. */
    private static List<String> mustCreate(ServerVersion version) {
        return version.major() >= 24
                ? List.of("src", "mv_inner", "v_invoker", "dict", "null_sink", "buffered", "merged", "filed", "remote_url",
                        "memory", "constrained", "stats", "colsettings")
                : List.of("src", "mv_inner", "null_sink", "buffered", "merged", "filed", "remote_url", "memory", "kafka");
    }

    /** Why each object that is not a plain undeclared table is left alone. */
    private static final Map<String, String> REASONS = Map.of(
            "mv_inner", "stores its rows in an inner table",
            "mv_refresh", "REFRESH EVERY 1 HOUR",
            "v_invoker", "SQL SECURITY INVOKER",
            "dict", "a dictionary",
            "window_view", "a window view",
            "constrained", "CONSTRAINT positive CHECK",
            "stats", "column x STATISTICS(tdigest)",
            "colsettings", "column s SETTINGS (max_compress_block_size = 65536)");

    @ClickHouseTest
    void objectsTheModelCannotExpressAreListedAndLeftAlone(TestDatabase db, @TempDir Path dir) {
        List<String> created = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        kinds(db.name()).forEach((name, sql) -> {
            // window views are experimental: their own connection asks for them (18.16 knows neither)
            try (ClickHouseConnection c = name.equals("window_view")
                    ? ClickHouseConnection.open(db.settings().withOption("allow_experimental_window_view", "1"))
                    : ClickHouseConnection.open(db.settings())) {
                c.execute(sql);
                created.add(name);
            } catch (ClickHouseException e) {
                refused.put(name, e.code() + " " + e.serverMessage());
            }
        });
        assertThat(created).as("refused: %s", refused).containsAll(mustCreate(db.connection().version()));
        System.out.println("[" + db.connection().version() + "] unmanaged kinds created: " + created + "; refused by the server: "
                + refused.keySet());
        List<String> before = definitions(db, created);

        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        Generator.Result r = Generator.run(db.connection(), GeneratorTest::fixtures, null, files, true, MooseLog.silent());
        SortedMap<String, String> listed = InfraMapJson.read(files.remoteState()).unmanaged();
        for (String name : created) {
            String why = REASONS.get(name);
            if (why == null) {
                assertThat(listed).containsEntry("table " + name, "not declared in the code");
                assertThat(r.unmanaged()).contains("table " + name);
            } else {
                assertThat(listed).hasEntrySatisfying("object " + name, reason -> assertThat(reason).contains(why));
                assertThat(r.unmanaged()).anyMatch(line -> line.startsWith("object " + name + " (") && line.contains(why));
            }
        }
        assertThat(r.plan().operations()).isNotEmpty().allSatisfy(op -> created.forEach(name ->
                assertThat(String.join("\n", op.toSql())).doesNotContain("`" + name + "`")));

        // the plan for the code runs beside them and leaves each exactly as it was
        PlanApplier.apply(db.connection(), r.plan().operations(), r.remoteState());
        StateRegistry.of(r.localInfraMap()).store(db.connection(), StateRegistry.empty());
        assertThat(definitions(db, created)).isEqualTo(before);
        Generator.Result again = Generator.run(db.connection(), GeneratorTest::fixtures, null, files, true, MooseLog.silent());
        assertThat(again.plan().isEmpty()).as("nothing left to do: %s", again.plan().operations()).isTrue();
    }

    private static List<String> definitions(TestDatabase db, List<String> names) {
        return db.connection().query("SELECT name, engine, create_table_query FROM system.tables WHERE database = '" + db.name()
                + "' ORDER BY name", row -> row.getString(1) + " " + row.getString(2) + " " + row.getString(3))
                .stream().filter(line -> names.contains(line.substring(0, line.indexOf(' ')))).toList();
    }
}
