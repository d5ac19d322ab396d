package dev.moose.core.server;

import dev.moose.core.version.Capabilities;
import dev.moose.core.version.ServerVersion;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One connection to a ClickHouse server over HTTP(S), through clickhouse-jdbc's v2 driver, configured so that
 * the same code works on every server version from 18.16 to current releases and ClickHouse Cloud:
 * <ul>
 *   <li>no HTTP compression (broken on some old builds), Native format named in the URL (old servers ignore the
 *       format header), the database sent as a setting (old servers ignore the database header);</li>
 *   <li>settings a server version needs to accept our DDL (e.g. LowCardinality on 18.12–19.2), sent only where
 *       that version knows them.</li>
 * </ul>
 * The server version is read once, when connecting. Every failure is a {@link ClickHouseException} with secrets
 * removed. Not thread-safe: one caller at a time.
 */
public final class ClickHouseConnection implements AutoCloseable {

    private final ConnectionSettings settings;
    private final ServerVersion version;
    private final Redactor redactor;
    private final Connection jdbc;
    private final Map<String, String> serverSettings;

    private ClickHouseConnection(ConnectionSettings settings, ServerVersion version, Redactor redactor,
                                 Connection jdbc, Map<String, String> serverSettings) {
        this.settings = settings;
        this.version = version;
        this.redactor = redactor;
        this.jdbc = jdbc;
        this.serverSettings = serverSettings;
    }

    /**
     * Connects, reads the server version and, when that version needs settings of its own, reconnects with them.
     *
     * @throws ClickHouseException when the server cannot be reached, refuses the credentials or the query
     */
    public static ClickHouseConnection open(ConnectionSettings settings) {
        return open(settings, Map.of());
    }

    /** As {@link #open(ConnectionSettings)}, also sending {@code extraSettings} with every statement. */
    public static ClickHouseConnection open(ConnectionSettings settings, Map<String, String> extraSettings) {
        Redactor redactor = Redactor.of(List.of(settings.password()));
        Map<String, String> base = baseServerSettings(settings);
        base.putAll(extraSettings);
        Connection first = connect(settings, base, redactor);
        ServerVersion version;
        try {
            version = readVersion(first, settings, redactor);
        } catch (RuntimeException e) {
            closeQuietly(first);
            throw e;
        }
        Map<String, String> needed = Capabilities.of(version).connectionSettings();
        if (needed.isEmpty()) {
            return new ClickHouseConnection(settings, version, redactor, first, base);
        }
        closeQuietly(first);
        Map<String, String> all = new TreeMap<>(base);
        all.putAll(needed);
        return new ClickHouseConnection(settings, version, redactor, connect(settings, all, redactor), all);
    }

    private static Map<String, String> baseServerSettings(ConnectionSettings settings) {
        Map<String, String> s = new TreeMap<>();
        s.put("default_format", "Native");
        s.put("database", settings.database());
        return s;
    }

    private static Connection connect(ConnectionSettings settings, Map<String, String> serverSettings, Redactor redactor) {
        Map<String, String> driver = new LinkedHashMap<>();
        driver.put("compress", "false");
        driver.put("format", "Native");
        // client-v2 then decodes date-times as UTC and skips its server-info query (which old servers reject);
        // we never read date-time values as such, only as numbers or text.
        driver.put("server_time_zone", "UTC");
        String url = settings.jdbcUrl(driver, serverSettings);
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        props.setProperty("password", settings.password().reveal());
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw ClickHouseException.translate(e, null, settings.displayUrl(), redactor);
        }
    }

    private static ServerVersion readVersion(Connection jdbc, ConnectionSettings settings, Redactor redactor) {
        String sql = "SELECT version()";
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return ServerVersion.parse(rs.getString(1));
        } catch (SQLException e) {
            throw ClickHouseException.translate(e, sql, settings.displayUrl(), redactor);
        }
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

    /** The server settings sent with every statement (format, database and version-specific ones). */
    public Map<String, String> serverSettings() {
        return Map.copyOf(serverSettings);
    }

    /** Removes this connection's secrets (and credentials in well-known SQL positions) from a text. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    /** Runs one statement that returns no rows (DDL, INSERT). */
    public void execute(String sql) {
        try (Statement st = jdbc.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw ClickHouseException.translate(e, sql, settings.displayUrl(), redactor);
        }
    }

    /** Reads one row after another. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper) {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            if (isEmptyNativeAnswer(e)) {
                return new ArrayList<>();
            }
            throw ClickHouseException.translate(e, sql, settings.displayUrl(), redactor);
        }
    }

    /**
     * Servers before about 20.x answer a query without rows in the Native format with an empty body (no header
     * block), which the driver reports as "no result set": that is zero rows, not an error.
     */
    private static boolean isEmptyNativeAnswer(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("requires a ResultSet");
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

    @Override
    public void close() {
        closeQuietly(jdbc);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // closing an HTTP connection pool cannot fail in a way the caller could act on
        }
    }

    @Override
    public String toString() {
        return "ClickHouseConnection[" + settings.displayUrl() + ", ClickHouse " + version + "]";
    }
}
