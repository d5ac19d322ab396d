package dev.moose.core.server;

import dev.moose.core.internal.sql.Credentials;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.ServerVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One connection to a ClickHouse server over its HTTP interface, written so that the same code reads the same rows
 * from every server version, 18.16 to current releases and ClickHouse Cloud:
 * <ul>
 *   <li>answers are read as {@code TabSeparatedWithNamesAndTypes} (every version writes it the same way, whatever
 *       blocks the server produced) by a strict reader that refuses a malformed answer rather than guessing;</li>
 *   <li>the format and the database travel as URL parameters (old servers ignore the headers for them), the
 *       credentials as {@code X-ClickHouse-User}/{@code X-ClickHouse-Key} headers, never in a URL;</li>
 *   <li>{@code wait_end_of_query=1}, so an error is an HTTP error, never rows followed by an error text;</li>
 *   <li>settings a server version needs to accept our DDL (e.g. LowCardinality on 18.12–19.2) are sent only where
 *       that version knows them; options in the URL are sent as settings with every statement.</li>
 * </ul>
 * The server version is read once, when connecting. Every failure is a {@link ClickHouseException} with secrets
 * removed. Not thread-safe: one caller at a time.
 */
public final class ClickHouseConnection implements AutoCloseable {

    private static final String ANSWER_FORMAT = "TabSeparatedWithNamesAndTypes";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionSettings settings;
    private final ServerVersion version;
    private volatile Redactor redactor;
    private final Map<String, String> serverSettings;
    private volatile Credentials.Environment environment = System::getenv;

    private ClickHouseConnection(ConnectionSettings settings, ServerVersion version, Redactor redactor,
                                 Map<String, String> serverSettings) {
        this.settings = settings;
        this.version = version;
        this.redactor = redactor;
        this.serverSettings = serverSettings;
    }

    /**
     * Connects, reads the server version and, when that version needs settings of its own, adds them.
     *
     * @throws ClickHouseException when the server cannot be reached, refuses the credentials or the query
     */
    public static ClickHouseConnection open(ConnectionSettings settings) {
        return open(settings, Map.of());
    }

    /** As {@link #open(ConnectionSettings)}, also sending {@code extraSettings} with every statement. */
    public static ClickHouseConnection open(ConnectionSettings settings, Map<String, String> extraSettings) {
        Redactor redactor = Redactor.of(List.of(settings.password()));
        Map<String, String> base = new TreeMap<>(settings.options());
        base.putAll(extraSettings);
        ClickHouseConnection probe = new ClickHouseConnection(settings, null, redactor, base);
        String text = probe.queryString("SELECT version()")
                .orElseThrow(() -> new ClickHouseException(ClickHouseException.Kind.SERVER_ERROR, ClickHouseException.NO_CODE,
                        null, "SELECT version()", "ClickHouse at " + settings.displayUrl() + " did not say its version", null));
        ServerVersion version = ServerVersion.parse(text);
        Map<String, String> all = new TreeMap<>(base);
        all.putAll(Capabilities.of(version).connectionSettings());
        return new ClickHouseConnection(settings, version, redactor, all);
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** The server's version, read when connecting. */
    public ServerVersion version() {
        return version;
    }

    /** The database unqualified names refer to. */
    public String database() {
        return settings.database();
    }

    /** The server settings sent with every statement (the URL's options and version-specific ones). */
    public Map<String, String> serverSettings() {
        return Map.copyOf(serverSettings);
    }

    /** Removes this connection's secrets (and credentials in well-known SQL positions) from a text. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    /**
     * Runs one statement that returns no rows (DDL, INSERT). A credential written {@code '${env:NAME}'} is resolved
     * from the environment here, as it is sent, and its value is removed from every message from then on.
     *
     * @throws Credentials.MissingVariableException when such a variable is not set (nothing is sent)
     */
    public void execute(String sql) {
        execute(sql, null);
    }

    /**
     * Runs one statement as {@link #execute(String)} does, under the server's query id {@code queryId}: a statement
     * still running after its client died can be found in {@code system.processes} by it.
     */
    public void execute(String sql, String queryId) {
        execute(sql, queryId, Map.of());
    }

    /**
     * Runs one statement as {@link #execute(String, String)} does, with settings for this statement only, and returns
     * what it answered (an {@code ON CLUSTER} statement answers a row per host).
     */
    public String execute(String sql, String queryId, Map<String, String> statementSettings) {
        String resolved = Credentials.resolveConnection(Credentials.resolve(sql, environment), settings.user(),
                settings.password().reveal());
        if (!resolved.equals(sql)) {
            redactor = redactor.with(Credentials.resolvedValues(sql, environment));
        }
        return send(resolved, sql, false, queryId, true, statementSettings);
    }

    /** Where {@code '${env:NAME}'} references are resolved: the process environment unless a test sets another. */
    public Credentials.Environment environment() {
        return environment;
    }

    /** Resolves {@code '${env:NAME}'} references from {@code environment} instead of the process environment. */
    public void useEnvironment(Credentials.Environment environment) {
        this.environment = environment;
    }

    /** Reads one row after another. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(Row row);
    }

    /** Runs a query and maps every row, in the order the server sent them. */
    public <T> List<T> query(String sql, RowMapper<T> mapper) {
        // not streamed: a query that meets a keep-alive connection the server just closed is sent again by the JDK,
        // which is harmless for a read (a statement is streamed and never sent twice)
        String answer = send(sql, sql, true, null, false);
        List<T> rows = new ArrayList<>();
        try {
            TsvAnswer.read(answer, row -> rows.add(mapper.map(row)));
        } catch (IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ClickHouseException(ClickHouseException.Kind.SERVER_ERROR, ClickHouseException.NO_CODE, null,
                    redactor.redact(sql), "Cannot read the answer of ClickHouse at " + settings.displayUrl() + ": "
                    + redactor.redact(e.getMessage()) + ClickHouseException.describe(redactor.redact(sql)), e);
        }
        return rows;
    }

    /** The first column of the first row as text, if there is a row. */
    public Optional<String> queryString(String sql) {
        List<String> rows = query(sql, rs -> rs.getString(1));
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** The first column of the first row as a number; 0 when there is no row. */
    public long queryLong(String sql) {
        List<Long> rows = query(sql, rs -> rs.getLong(1));
        return rows.isEmpty() ? 0 : rows.get(0);
    }

    /** Sends {@code sql}; messages show {@code shown} (the statement as written, references unresolved). */
    private String send(String sql, String shown, boolean answer, String queryId, boolean streaming) {
        return send(sql, shown, answer, queryId, streaming, Map.of());
    }

    private String send(String sql, String shown, boolean answer, String queryId, boolean streaming, Map<String, String> statementSettings) {
        StringBuilder url = new StringBuilder(settings.endpoint()).append("/?database=").append(encode(settings.database()));
        if (queryId != null) {
            url.append("&query_id=").append(encode(queryId));
        }
        if (answer) {
            url.append("&default_format=").append(ANSWER_FORMAT);
        }
        // the whole answer before the status: an error after the first rows (an ON CLUSTER host failing) is then a
        // failed request, not text appended to a successful one
        url.append("&wait_end_of_query=1");
        serverSettings.forEach((k, v) -> {
            if (!statementSettings.containsKey(k)) {
                url.append('&').append(encode(k)).append('=').append(encode(v));
            }
        });
        statementSettings.forEach((k, v) -> url.append('&').append(encode(k)).append('=').append(encode(v)));
        HttpURLConnection http = null;
        try {
            // HttpURLConnection keeps connections alive no longer than the server's Keep-Alive header allows, so an
            // idle connection the server already closed is never reused for a statement
            http = (HttpURLConnection) URI.create(url.toString()).toURL().openConnection();
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setInstanceFollowRedirects(false);
            http.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            http.setRequestProperty("X-ClickHouse-User", settings.user());
            if (!settings.password().isEmpty()) {
                http.setRequestProperty("X-ClickHouse-Key", settings.password().reveal());
            }
            http.setRequestProperty("Content-Type", "text/plain; charset=UTF-8");
            byte[] body = sql.getBytes(StandardCharsets.UTF_8);
            if (streaming) {
                // Streamed, a request is never sent twice: otherwise the JDK sends a POST again, on a new connection,
                // when the answer fails to arrive (sun.net.http.retryPost), and an INSERT cut off after the server
                // ran it would run twice.
                http.setFixedLengthStreamingMode(body.length);
            }
            try (OutputStream out = http.getOutputStream()) {
                out.write(body);
            }
            int status = http.getResponseCode();
            if (status == HttpURLConnection.HTTP_UNAUTHORIZED && streaming) {
                // 18.16 refuses credentials with 401 and WWW-Authenticate, whose text a streamed request cannot read;
                // nothing ran, so a harmless query, not streamed, fetches the server's own explanation
                http.disconnect();
                send("SELECT 1", shown, true, null, false);
                throw ClickHouseException.fromServer(status, Integer.toString(ClickHouseException.WRONG_PASSWORD),
                        "the server refused the credentials", shown, settings.displayUrl(), redactor);
            }
            String code = http.getHeaderField("X-ClickHouse-Exception-Code");
            if (status != HttpURLConnection.HTTP_OK || code != null) {
                throw ClickHouseException.fromServer(status, code, readAll(http.getErrorStream() != null
                        ? http.getErrorStream() : http.getInputStream()), shown, settings.displayUrl(), redactor);
            }
            return readAll(http.getInputStream());
        } catch (IOException e) {
            if (http != null) {
                http.disconnect();
            }
            throw ClickHouseException.unreachable(e, shown, settings, redactor);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Nothing to release: idle HTTP connections are kept by the JDK only as long as the server allows. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "ClickHouseConnection[" + settings.displayUrl() + ", ClickHouse " + version + "]";
    }
}
