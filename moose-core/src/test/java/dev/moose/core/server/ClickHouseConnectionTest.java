package dev.moose.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.moose.core.testing.ClickHouseExtension;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseConnectionTest {

    @ClickHouseTest
    void readsTheServerVersionOnceAndRunsStatementsInItsDatabase(TestDatabase db) {
        ClickHouseConnection c = db.connection();
        assertThat(c.version().major()).isGreaterThanOrEqualTo(18);
        c.execute("CREATE TABLE t (id UInt64, name String, tags Array(String), note Nullable(String)) "
                + "ENGINE = MergeTree ORDER BY id");
        c.execute("INSERT INTO t VALUES (1, 'it''s', ['a', 'b'], NULL), (2, 'two', [], 'x')");
        assertThat(c.query("SELECT id, name, note FROM t ORDER BY id",
                rs -> rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3)))
                .containsExactly("1:it's:null", "2:two:x");
        assertThat(db.tables()).containsExactly("t MergeTree");
    }

    @ClickHouseTest
    void aStatementWhoseAnswerIsLostIsNeverSentAgain(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE once (i UInt8) ENGINE = MergeTree ORDER BY i");
        ConnectionSettings s = db.settings();
        try (dev.moose.core.testing.CuttableProxy proxy = new dev.moose.core.testing.CuttableProxy(s.port());
             ClickHouseConnection c = ClickHouseConnection.open(new ConnectionSettings(s.https(), "127.0.0.1", proxy.port(),
                     s.database(), s.user(), s.password(), s.options()))) {
            c.execute("INSERT INTO once VALUES (1)"); // a kept-alive connection, which the JDK would retry on
            proxy.loseAnswers();
            assertThat(catchThrowableOfType(ClickHouseException.class, () -> c.execute("INSERT INTO once VALUES (2)")).kind())
                    .isEqualTo(ClickHouseException.Kind.UNREACHABLE);
        }
        assertThat(db.connection().query("SELECT i FROM once ORDER BY i", rs -> rs.getString(1))).as("the INSERT ran once")
                .containsExactly("1", "2");
    }

    @ClickHouseTest
    void anAnswerInSeveralBlocksReadsEveryRow(TestDatabase db) {
        // three inserts make three parts; a filtered read answers with a block per part
        db.execute("CREATE TABLE parts (id UInt64, name String, n Nullable(UInt32)) ENGINE = MergeTree ORDER BY id");
        for (int part = 0; part < 3; part++) {
            db.execute("INSERT INTO parts VALUES (" + (part * 2 + 1) + ", 'a" + part + "', NULL), (" + (part * 2 + 2) + ", 'b" + part + "', " + part + ")");
        }
        List<String> rows = db.connection().query("SELECT id, name, n FROM parts WHERE id > 0",
                rs -> rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
        assertThat(rows).containsExactlyInAnyOrder("1:a0:null", "2:b0:0", "3:a1:null", "4:b1:1", "5:a2:null", "6:b2:2");
    }

    @ClickHouseTest
    void theColumnsOfManyTablesReadInFull(TestDatabase db) {
        int tables = 150;
        for (int i = 0; i < tables; i++) {
            db.execute("CREATE TABLE t" + i + " (id UInt64, a String, b Nullable(Float64), c Array(String)) ENGINE = MergeTree ORDER BY id");
        }
        List<String> columns = db.connection().query("SELECT table, name, type FROM system.columns WHERE database = '" + db.name() + "'",
                rs -> rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3));
        assertThat(columns).hasSize(tables * 4).doesNotContainNull().allSatisfy(c -> assertThat(c).doesNotContain("null"));
    }

    @ClickHouseTest
    void aQueryWithoutRowsReturnsNoRows(TestDatabase db) {
        // 18.16 sends an empty body for an empty Native result; current servers send a header block.
        assertThat(db.connection().query("SELECT 1 AS x WHERE 0", rs -> rs.getInt(1))).isEmpty();
        assertThat(db.connection().queryString("SELECT name FROM system.tables WHERE database = 'nowhere'")).isEmpty();
    }

    @ClickHouseTest
    void lowCardinalityWorksOnEveryServerVersion(TestDatabase db) {
        // 18.12-19.2 need allow_experimental_low_cardinality_type; the connection sends it only there.
        db.execute("CREATE TABLE lc (id UInt64, s LowCardinality(String)) ENGINE = MergeTree ORDER BY id");
        assertThat(db.columns()).contains("lc.s LowCardinality(String)");
    }

    @ClickHouseTest
    void everyUrlFormConnects(TestDatabase db) {
        ConnectionSettings s = db.settings();
        String hostPort = s.host() + ":" + s.port();
        String auth = s.password().isEmpty() ? s.user() : s.user() + ":" + s.password().reveal();
        for (String url : new String[] {
                "jdbc:clickhouse://" + hostPort + "/" + db.name(),
                "jdbc:ch://" + hostPort + "/" + db.name(),
                "clickhouse://" + auth + "@" + hostPort + "/" + db.name(),
                "http://" + hostPort + "/" + db.name()}) {
            ConnectionSettings parsed = ConnectionSettings.parse(url);
            if (!url.startsWith("clickhouse://")) {
                parsed = parsed.withUser(s.user()).withPassword(s.password());
            }
            try (ClickHouseConnection c = ClickHouseConnection.open(parsed)) {
                assertThat(c.queryString("SELECT currentDatabase()")).as(url).hasValue(db.name());
            }
        }
    }

    @ClickHouseTest
    void aPasswordUserConnectsWithTheRightPassword(TestDatabase db) {
        assumeTrue(db.server().hasPasswordUser(), "an external server has no user of ours; the wrong-password test covers it");
        try (ClickHouseConnection c = ClickHouseConnection.open(db.server().passwordUserSettings(db.name()))) {
            assertThat(c.settings().user()).isEqualTo(ClickHouseExtension.PASSWORD_USER);
            assertThat(c.queryLong("SELECT 1")).isEqualTo(1);
        }
    }

    @ClickHouseTest
    void aWrongPasswordGivesAClearErrorWithoutThePassword(TestDatabase db) {
        String wrong = "Wr0ng-pa55word-XYZ";
        ConnectionSettings s = db.settings().withUser(ClickHouseExtension.PASSWORD_USER).withPassword(Secret.of(wrong));
        ClickHouseException e = catchThrowableOfType(ClickHouseException.class, () -> ClickHouseConnection.open(s));
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(ClickHouseException.Kind.AUTHENTICATION);
        assertThat(e.code()).isIn(ClickHouseException.WRONG_PASSWORD, ClickHouseException.UNKNOWN_USER,
                ClickHouseException.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).contains("refused the credentials").contains("the user and password of the ConnectionSettings")
                .doesNotContain(wrong);
        assertThat(stackText(e)).doesNotContain(wrong);
    }

    @Test
    void anUnknownHostGivesAClearErrorWithoutThePassword() {
        String secret = "n0t-shown-anywhere";
        ConnectionSettings s = ConnectionSettings.parse("clickhouse://alice:" + secret + "@no-such-host.invalid:8123/db");
        ClickHouseException e = catchThrowableOfType(ClickHouseException.class, () -> ClickHouseConnection.open(s));
        assertThat(e.kind()).isEqualTo(ClickHouseException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("Cannot reach ClickHouse at http://alice@no-such-host.invalid:8123/db")
                .contains("unknown host").doesNotContain(secret);
        assertThat(stackText(e)).doesNotContain(secret);
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ConnectionSettings s = ConnectionSettings.local(port, "default");
        ClickHouseException e = catchThrowableOfType(ClickHouseException.class, () -> ClickHouseConnection.open(s));
        assertThat(e.kind()).isEqualTo(ClickHouseException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("Cannot reach ClickHouse at http://default@127.0.0.1:" + port);
    }

    @ClickHouseTest
    void aSyntaxErrorCarriesItsClickHouseCodeAndTheStatement(TestDatabase db) {
        ClickHouseException e = catchThrowableOfType(ClickHouseException.class,
                () -> db.connection().execute("SELEC 1"));
        assertThat(e.kind()).isEqualTo(ClickHouseException.Kind.SERVER_ERROR);
        assertThat(e.code()).isEqualTo(ClickHouseException.SYNTAX_ERROR);
        assertThat(e.statement()).isEqualTo("SELEC 1");
        assertThat(e.serverMessage()).contains("Syntax error");
        assertThat(e.getMessage()).startsWith("ClickHouse error 62: ").contains("in: SELEC 1");
    }

    @ClickHouseTest
    void anUnknownTableCarriesCode60(TestDatabase db) {
        assertThatThrownBy(() -> db.connection().queryLong("SELECT count() FROM no_such_table"))
                .isInstanceOfSatisfying(ClickHouseException.class,
                        e -> assertThat(e.code()).isEqualTo(ClickHouseException.UNKNOWN_TABLE));
    }

    @ClickHouseTest
    void secretsInAFailedStatementAreRemoved(TestDatabase db) {
        ClickHouseException e = catchThrowableOfType(ClickHouseException.class, () -> db.connection().execute(
                "CREATE TABLE s3t (x String) ENGINE = S3('https://bucket/x.csv', 'AKIAEXAMPLEKEY', 'wJalrXUtnFEMI/K7MDENG', 'CSV') garbage"));
        assertThat(e.getMessage()).doesNotContain("AKIAEXAMPLEKEY").doesNotContain("wJalrXUtnFEMI");
        assertThat(e.statement()).doesNotContain("wJalrXUtnFEMI").contains("'" + Redactor.MASK + "'");
    }

    private static String stackText(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
