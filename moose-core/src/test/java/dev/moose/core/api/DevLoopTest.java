package dev.moose.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.MooseLog;
import dev.moose.core.scan.ScanRequest;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.JavaSources;
import dev.moose.core.testing.TestDatabase;
import dev.moose.core.version.ServerVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev loop on a sample project, changed as a user changes it: sources edited and recompiled into the watched
 * classes directory, the loop noticing by itself; after each step the live database and the printed change log.
 */
class DevLoopTest {

    private static final String EVENTS = "devapp.Events";
    private static final String DAILY = "devapp.DailyCounts";

    private final List<String> printed = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<DevLoop.Round> rounds = new LinkedBlockingQueue<>();

    private MooseLog capture() {
        return new MooseLog() {
            @Override public void info(String m) { printed.add(m); }
            @Override public void warn(String m) { printed.add("WARN " + m); }
            @Override public void error(String m) { printed.add("ERROR " + m); }
            @Override public void debug(String m) { }
        };
    }

    private static ScanRequest scan(Path classes, ServerVersion version) {
        return new ScanRequest(List.of(classes), List.of(), List.of("devapp"), version);
    }

    private static String events(String members) {
        return "package devapp;\nimport dev.moose.annotations.*;\n@OlapTable(name = \"events\")\npublic record Events(" + members + ") {}\n";
    }

    private static String daily(String select) {
        return "package devapp;\nimport dev.moose.annotations.*;\n@OlapTable(name = \"daily_counts\", orderBy = \"name\")\n"
                + "@MaterializedView(name = \"daily_counts_mv\", select = \"" + select + "\")\n"
                + "public record DailyCounts(String name, long n) {}\n";
    }

    /** The printed lines of the next round, after waiting for it. */
    private DevLoop.Round next() throws InterruptedException {
        DevLoop.Round r = rounds.poll(30, TimeUnit.SECONDS);
        assertThat(r).as("a round within 30 s; printed so far: %s", printed).isNotNull();
        return r;
    }

    /** The project's columns, without the registry's. */
    private static List<String> columns(TestDatabase db) {
        return db.columns().stream().filter(c -> !c.startsWith("_moose")).toList();
    }

    private List<String> printedSince(int mark) {
        synchronized (printed) {
            return new ArrayList<>(printed.subList(mark, printed.size()));
        }
    }

    @ClickHouseTest
    void appliesEachCompiledChangeAndKeepsWatchingThroughErrors(TestDatabase db, @TempDir Path classes) throws Exception {
        JavaSources.compile(classes, Map.of(EVENTS, events("@Key long id, String name, String some_column")));
        DevLoop.Options options = DevLoop.Options.builder().quietPeriod(Duration.ofMillis(150)).listener(rounds::add).build();
        try (DevLoop loop = new DevLoop(db.connection(), v -> scan(classes, v), null, List.of(classes), options, capture())) {
            Thread runner = new Thread(loop::run, "dev-loop");
            runner.start();
            try {
                // start-up: the code is applied at once
                DevLoop.Round start = next();
                assertThat(start.outcome()).isEqualTo(DevLoop.Outcome.APPLIED);
                assertThat(start.trigger()).isEqualTo("start-up");
                assertThat(printedSince(0)).contains(DevLoop.HEADER + "start-up", "  + Table: events (id Int64, name String, some_column String) ORDER BY id");
                assertThat(columns(db)).containsExactly("events.id Int64", "events.name String", "events.some_column String");
                db.execute("INSERT INTO events VALUES (1, 'a', 'x'), (2, 'b', 'y'), (3, 'a', 'z')");

                // add a column
                int mark = printed.size();
                JavaSources.compile(classes, Map.of(EVENTS, events("@Key long id, String name, String some_column, String status")));
                assertThat(next().outcome()).isEqualTo(DevLoop.Outcome.APPLIED);
                assertThat(printedSince(mark)).containsSubsequence(DevLoop.HEADER + "file watcher", "  ~ Table events:",
                        "    Column changes:", "      + status: String");
                assertThat(columns(db)).contains("events.status String");

                // drop a column: applied, announced as destructive
                mark = printed.size();
                JavaSources.compile(classes, Map.of(EVENTS, events("@Key long id, String name, String status")));
                assertThat(next().outcome()).isEqualTo(DevLoop.Outcome.APPLIED);
                assertThat(printedSince(mark)).contains("      - some_column: String")
                        .anyMatch(l -> l.startsWith("WARN   DESTRUCTIVE: ") && l.contains("some_column"));
                assertThat(columns(db)).doesNotContain("events.some_column String");

                // change a type
                mark = printed.size();
                JavaSources.compile(classes, Map.of(EVENTS, events("@Key long id, @LowCardinality String name, String status")));
                assertThat(next().outcome()).isEqualTo(DevLoop.Outcome.APPLIED);
                assertThat(printedSince(mark)).contains("      name: String -> LowCardinality(String)");
                assertThat(columns(db)).contains("events.name LowCardinality(String)");
                assertThat(db.connection().queryLong("SELECT count() FROM events")).isEqualTo(3);

                // add a table with a materialized view: created, and backfilled from the rows already there
                mark = printed.size();
                JavaSources.compile(classes, Map.of(DAILY, daily("SELECT name, count() AS n FROM events GROUP BY name")));
                assertThat(next().outcome()).isEqualTo(DevLoop.Outcome.APPLIED);
                assertThat(printedSince(mark)).contains("  + Table: daily_counts (name String, n Int64) ORDER BY name",
                        "  + Materialized View: daily_counts_mv");
                assertThat(db.tables()).contains("daily_counts MergeTree", "daily_counts_mv MaterializedView");
                assertThat(db.connection().query("SELECT name, n FROM daily_counts ORDER BY name", rs -> rs.getString(1) + "=" + rs.getLong(2)))
                        .containsExactly("a=2", "b=1");

                // change the view's SELECT: recreated, its target refilled
                mark = printed.size();
                JavaSources.compile(classes, Map.of(DAILY, daily("SELECT name, count() * 10 AS n FROM events GROUP BY name")));
                assertThat(next().outcome()).isEqualTo(DevLoop.Outcome.APPLIED);
                assertThat(printedSince(mark)).contains("  ~ Materialized View: daily_counts_mv");
                assertThat(db.connection().query("SELECT name, n FROM daily_counts ORDER BY name", rs -> rs.getString(1) + "=" + rs.getLong(2)))
                        .containsExactly("a=20", "b=10");

                // a declaration error: printed with class and member, nothing changes, the loop goes on
                List<String> before = columns(db);
                mark = printed.size();
                JavaSources.compile(classes, Map.of(EVENTS, events("@Key long id, @LowCardinality String name, String status, "
                        + "@Column(type = \"Array(Strin)\") String tags")));
                DevLoop.Round broken = next();
                assertThat(broken.outcome()).isEqualTo(DevLoop.Outcome.CODE_ERROR);
                assertThat(printedSince(mark)).anyMatch(l -> l.startsWith("ERROR   devapp.Events.tags: @Column(type = \"Array(Strin)\") "
                        + "is not a ClickHouse type"));
                assertThat(columns(db)).isEqualTo(before);

                // a statement the server rejects: printed, the loop goes on
                mark = printed.size();
                JavaSources.compile(classes, Map.of(EVENTS, events("@Key long id, @LowCardinality String name, String status, "
                        + "@Default(\"no_such_function()\") String tags")));
                DevLoop.Round rejected = next();
                assertThat(rejected.outcome()).isEqualTo(DevLoop.Outcome.SERVER_ERROR);
                assertThat(printedSince(mark)).anyMatch(l -> l.startsWith("ERROR   Operation 1 of 1 failed (add column tags"));
                assertThat(columns(db)).isEqualTo(before);

                // fixed: the next good state is applied
                mark = printed.size();
                JavaSources.compile(classes, Map.of(EVENTS, events("@Key long id, @LowCardinality String name, String status, "
                        + "java.util.List<String> tags")));
                assertThat(next().outcome()).isEqualTo(DevLoop.Outcome.APPLIED);
                assertThat(printedSince(mark)).contains("      + tags: Array(String)");
                assertThat(columns(db)).contains("events.tags Array(String)");

                // a class removed: its table and view are dropped (the registry says dev created them)
                mark = printed.size();
                JavaSources.delete(classes, DAILY);
                assertThat(next().outcome()).isEqualTo(DevLoop.Outcome.APPLIED);
                assertThat(printedSince(mark)).contains("  - Table: daily_counts", "  - Materialized View: daily_counts_mv");
                assertThat(db.tables()).doesNotContain("daily_counts MergeTree", "daily_counts_mv MaterializedView");
            } finally {
                loop.close();
                runner.join(10_000);
            }
            assertThat(runner.isAlive()).isFalse();
        }
    }

    @ClickHouseTest
    void destructiveChangesCanBeAskedAboutFirst(TestDatabase db, @TempDir Path classes) throws Exception {
        JavaSources.compile(classes, Map.of(EVENTS, events("@Key long id, String gone")));
        List<List<String>> asked = Collections.synchronizedList(new ArrayList<>());
        boolean[] answer = {false};
        DevLoop.Options options = DevLoop.Options.builder().quietPeriod(Duration.ofMillis(150)).listener(rounds::add)
                .confirmDestructive(true, reasons -> {
                    asked.add(reasons);
                    return answer[0];
                }).build();
        try (DevLoop loop = new DevLoop(db.connection(), v -> scan(classes, v), null, List.of(classes), options, capture())) {
            assertThat(loop.apply("start-up", System.nanoTime()).outcome()).isEqualTo(DevLoop.Outcome.APPLIED);
            JavaSources.compile(classes, Map.of(EVENTS, events("@Key long id")));

            DevLoop.Round declined = loop.apply("file watcher", System.nanoTime());
            assertThat(declined.outcome()).isEqualTo(DevLoop.Outcome.DECLINED);
            assertThat(asked).hasSize(1);
            assertThat(asked.get(0)).singleElement().asString().contains("gone");
            assertThat(columns(db)).contains("events.gone String");

            answer[0] = true;
            assertThat(loop.apply("file watcher", System.nanoTime()).outcome()).isEqualTo(DevLoop.Outcome.APPLIED);
            assertThat(columns(db)).containsExactly("events.id Int64");
        }
    }

    @ClickHouseTest
    void aScanThatFindsNothingIsNeverAppliedAsDrops(TestDatabase db, @TempDir Path classes) throws Exception {
        JavaSources.compile(classes, Map.of(EVENTS, events("@Key long id, String name")));
        DevLoop.Options options = DevLoop.Options.builder().quietPeriod(Duration.ofMillis(150)).build();
        try (DevLoop loop = new DevLoop(db.connection(), v -> scan(classes, v), null, List.of(classes), options, capture())) {
            assertThat(loop.apply("start-up", System.nanoTime()).outcome()).isEqualTo(DevLoop.Outcome.APPLIED);
        }
        List<String> before = columns(db);
        int mark = printed.size();
        try (DevLoop typo = new DevLoop(db.connection(), v -> new ScanRequest(List.of(classes), List.of(), List.of("devap"), v), null,
                List.of(classes), options, capture())) {
            assertThat(typo.apply("start-up", System.nanoTime()).outcome()).isEqualTo(DevLoop.Outcome.CODE_ERROR);
        }
        assertThat(columns(db)).isEqualTo(before).isNotEmpty();
        assertThat(printedSince(mark)).anyMatch(l -> l.startsWith("ERROR") && l.contains("under the packages devap"));
    }
}
