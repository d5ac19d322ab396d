package dev.moose.core.internal.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Statements as current servers print them, including kinds the test servers cannot create (refreshable views need
 * file exchange the wasm build lacks; S3Queue and Kafka are not in it; 18.16 has none of them): every clause the
 * model does not keep is reported, never dropped.
 */
class CreateStatementParserTest {

    @Test
    void aRefreshableViewWithADefinerKeepsEveryClauseItCannotModel() {
        CreateStatement s = CreateStatementParser.parse("CREATE MATERIALIZED VIEW analytics.daily REFRESH EVERY 1 DAY OFFSET 2 HOUR "
                + "APPEND TO analytics.daily_totals (`day` Date, `n` UInt64) DEFINER = etl SQL SECURITY DEFINER AS SELECT "
                + "toDate(ts) AS day, count() AS n FROM analytics.events GROUP BY day");
        assertThat(s.kind()).isEqualTo(CreateStatement.Kind.MATERIALIZED_VIEW);
        assertThat(s.toTable()).isEqualTo("daily_totals");
        assertThat(s.select()).startsWith("SELECT toDate(ts) AS day");
        assertThat(s.unmodelled()).containsExactly("REFRESH EVERY 1 DAY OFFSET 2 HOUR APPEND", "DEFINER = etl SQL SECURITY DEFINER");
    }

    @Test
    void aPlainMaterializedViewAndViewHaveNothingUnmodelled() {
        assertThat(CreateStatementParser.parse("CREATE MATERIALIZED VIEW db.mv TO db.t (`id` UInt64) AS SELECT id FROM db.src")
                .unmodelled()).isEmpty();
        assertThat(CreateStatementParser.parse("CREATE VIEW db.v (`id` UInt64) AS SELECT id FROM db.src").unmodelled()).isEmpty();
        assertThat(CreateStatementParser.parse("CREATE VIEW db.v (`id` UInt64) SQL SECURITY INVOKER AS SELECT id FROM db.src")
                .unmodelled()).containsExactly("SQL SECURITY INVOKER");
    }

    @Test
    void constraintsStatisticsAndColumnSettingsAreReported() {
        CreateStatement s = CreateStatementParser.parse("CREATE TABLE db.t (`id` UInt64, `x` Float64 STATISTICS(tdigest, uniq), "
                + "`s` String SETTINGS (max_compress_block_size = 65536), CONSTRAINT positive CHECK id > 0, "
                + "CONSTRAINT a ASSUME x > 0) ENGINE = MergeTree ORDER BY id SETTINGS index_granularity = 8192");
        assertThat(s.columns()).extracting(CreateStatement.ColumnText::name).containsExactly("id", "x", "s");
        assertThat(s.unmodelled()).containsExactly("column x STATISTICS(tdigest, uniq)",
                "column s SETTINGS (max_compress_block_size = 65536)", "CONSTRAINT positive CHECK id > 0", "CONSTRAINT a ASSUME x > 0");
        assertThat(s.settings()).containsEntry("index_granularity", "8192");
    }

    @Test
    void queueAndStreamEnginesAreTablesWithTheirArguments() {
        CreateStatement queue = CreateStatementParser.parse("CREATE TABLE db.q (`line` String) ENGINE = S3Queue("
                + "'https://bucket.s3.amazonaws.com/data/*.csv', 'CSV') SETTINGS mode = 'unordered'");
        assertThat(queue.engine()).isEqualTo("S3Queue('https://bucket.s3.amazonaws.com/data/*.csv', 'CSV')");
        assertThat(queue.unmodelled()).isEmpty();
        CreateStatement distributed = CreateStatementParser.parse(
                "CREATE TABLE db.d (`id` UInt64) ENGINE = Distributed('c', 'db', 'local', rand())");
        assertThat(distributed.engine()).isEqualTo("Distributed('c', 'db', 'local', rand())");
        assertThat(CreateStatementParser.parse("CREATE TABLE db.n (`id` UInt64) ENGINE = `Null`").engine()).isEqualTo("`Null`");
    }

    @Test
    void dictionariesAndWindowViewsAreOtherObjects() {
        assertThat(CreateStatementParser.parse("CREATE DICTIONARY db.d (`id` UInt64, `v` String) PRIMARY KEY id "
                + "SOURCE(CLICKHOUSE(TABLE 'src')) LIFETIME(MIN 0 MAX 0) LAYOUT(FLAT())").kind()).isEqualTo(CreateStatement.Kind.OTHER);
        assertThat(CreateStatementParser.parse("CREATE WINDOW VIEW db.w AS SELECT count(id) FROM db.src "
                + "GROUP BY tumble(now(), toIntervalSecond('10'))").kind()).isEqualTo(CreateStatement.Kind.OTHER);
    }

    @Test
    void referencesNameTheTablesADefinitionUsesButNotItself() {
        References r = References.of("CREATE MATERIALIZED VIEW app.mv TO app.totals (`n` UInt64) AS SELECT count() AS n "
                + "FROM app.events JOIN other.users USING (id)", "app", "mv", "app");
        assertThat(r.tables()).containsExactly("events", "other.users", "totals");
        assertThat(r.fingerprint()).hasSize(12);
    }
}
