package dev.moose.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The stand-in's HTTP interface answers as a real server does: the same requests sent to ClickHouse 18.16 and to
 * the chdb-wasm front end, with what current servers add (exception code and format headers, code 516 for a wrong
 * password) checked where the server is current.
 */
class HttpInterfaceTest {

    record Answer(int status, String body, Map<String, java.util.List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey())).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    private static Answer send(String base, String method, String query, String body, Map<String, String> headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + (query == null ? "" : query)).toURL().openConnection();
        c.setRequestMethod(method);
        headers.forEach(c::setRequestProperty);
        if (body != null) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Answer(status, text, c.getHeaderFields());
    }

    private static String q(String sql) {
        return "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8);
    }

    @ClickHouseTest
    void answersAsARealServerDoes(TestDatabase db) throws IOException {
        String base = db.settings().endpoint();
        boolean current = db.connection().version().atLeast(20, 1);
        Map<String, String> none = Map.of();

        assertThat(send(base, "GET", "/ping", null, none).body()).isEqualTo("Ok.\n");
        assertThat(send(base, "GET", q("SELECT 1 + 1"), null, none).body()).isEqualTo("2\n");

        // the query parameter starts the query and the body ends it (an INSERT's data); the database parameter
        send(base, "POST", "/?database=" + db.name(), "CREATE TABLE t (id UInt64, s String) ENGINE = MergeTree ORDER BY id", none);
        Answer insert = send(base, "POST", q("INSERT INTO t FORMAT TabSeparated") + "&database=" + db.name(), "1\ta\n2\tb\n", none);
        assertThat(insert.status()).isEqualTo(200);
        // old servers quote 64-bit integers in JSON, current ones do not
        String one = current ? "1" : "\"1\"";
        String two = current ? "2" : "\"2\"";
        assertThat(send(base, "POST", "/?default_format=JSONEachRow&database=" + db.name(), "SELECT id, s FROM t ORDER BY id", none).body())
                .isEqualTo("{\"id\":" + one + ",\"s\":\"a\"}\n{\"id\":" + two + ",\"s\":\"b\"}\n");

        // settings as parameters apply to that query only (a setting 18.16 does not know is refused, as such)
        String max = "SELECT value FROM system.settings WHERE name = 'max_threads'";
        String before = send(base, "GET", q(max), null, none).body();
        assertThat(send(base, "GET", q(max) + "&max_threads=3", null, none).body()).isEqualTo("3\n");
        assertThat(send(base, "GET", q(max), null, none).body()).isEqualTo(before);
        assertThat(send(base, "GET", q("SELECT 1") + "&no_such_setting_anywhere=1", null, none).status()).isEqualTo(404);

        // errors: the status a real server gives and ClickHouse's own message
        Answer syntax = send(base, "POST", "/", "SELEC 1", none);
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.body()).startsWith("Code: 62").contains("Syntax error");
        Answer unknownTable = send(base, "POST", "/?database=" + db.name(), "SELECT * FROM no_such_table", none);
        assertThat(unknownTable.status()).isEqualTo(404);
        assertThat(unknownTable.body()).startsWith("Code: 60");
        Answer noSession = send(base, "POST", "/", "SET max_threads = 1", none);
        assertThat(noSession.status()).isEqualTo(500);
        assertThat(noSession.body()).startsWith("Code: 113");

        // users: basic auth and the X-ClickHouse-User/Key headers; a wrong password is refused
        String user = ClickHouseExtension.PASSWORD_USER;
        String password = ClickHouseExtension.PASSWORD_USER_PASSWORD;
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        assertThat(send(base, "GET", q("SELECT 7"), null, Map.of("Authorization", basic)).body()).isEqualTo("7\n");
        assertThat(send(base, "GET", q("SELECT 8"), null, Map.of("X-ClickHouse-User", user, "X-ClickHouse-Key", password)).body())
                .isEqualTo("8\n");
        Answer wrong = send(base, "GET", q("SELECT 9"), null, Map.of("X-ClickHouse-User", user, "X-ClickHouse-Key", "wrong"));
        assertThat(wrong.status()).isGreaterThanOrEqualTo(400);
        if (current) {
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.header("X-ClickHouse-Exception-Code")).isEqualTo("516");
            assertThat(syntax.header("X-ClickHouse-Exception-Code")).isEqualTo("62");
            Answer ok = send(base, "GET", q("SELECT 1 FORMAT JSONEachRow"), null, none);
            assertThat(ok.header("X-ClickHouse-Format")).isEqualTo("JSONEachRow");
            assertThat(ok.header("X-ClickHouse-Query-Id")).isNotBlank();
            assertThat(ok.header("X-ClickHouse-Timezone")).isNotBlank();
            assertThat(ok.header("X-ClickHouse-Summary")).contains("\"read_rows\"");
        } else {
            assertThat(wrong.body()).startsWith("Code: 193");
        }
        assertThat(syntax.header("X-ClickHouse-Server-Display-Name")).isNotBlank();
    }
}
