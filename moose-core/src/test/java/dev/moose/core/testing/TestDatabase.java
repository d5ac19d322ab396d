package dev.moose.core.testing;

import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ConnectionSettings;
import dev.moose.core.server.LocalClickHouse;
import java.util.List;

/**
 * A fresh database on the test server, created for one test and dropped after it. Its connection is opened on
 * first use and closed with the database.
 */
public final class TestDatabase implements AutoCloseable {

    private final ClickHouseExtension.SharedServer server;
    private final String name;
    private ClickHouseConnection connection;

    private TestDatabase(ClickHouseExtension.SharedServer server, String name) {
        this.server = server;
        this.name = name;
    }

    static TestDatabase create(ClickHouseExtension.SharedServer server, String name) {
        try (ClickHouseConnection admin = server.connect("default")) {
            admin.execute("CREATE DATABASE `" + name + "`");
        }
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    /** Settings that connect to this database as the administrative user. */
    public ConnectionSettings settings() {
        return server.settings(name);
    }

    /** A URL of this database with its user and password, for a child process to connect with. */
    public String url() {
        ConnectionSettings s = settings();
        return s.endpoint().replace("://", "://" + s.user() + (s.password().isEmpty() ? "" : ":" + s.password().reveal()) + "@")
                + "/" + name;
    }

    /** The native server this run started, or {@code null} on the others. */
    public LocalClickHouse localServer() {
        return server.local();
    }

    /** Which test server this database lives on. */
    public ClickHouseExtension.Kind kind() {
        return server.kind();
    }

    public ClickHouseExtension.SharedServer server() {
        return server;
    }

    /** A connection to this database, opened once. */
    public synchronized ClickHouseConnection connection() {
        if (connection == null) {
            connection = ClickHouseConnection.open(settings());
        }
        return connection;
    }

    /** Runs statements in order. */
    public void execute(String... statements) {
        for (String s : statements) {
            connection().execute(s);
        }
    }

    /** The tables of this database, sorted, as {@code name engine} lines. */
    public List<String> tables() {
        return connection().query("SELECT name, engine FROM system.tables WHERE database = '" + name + "' ORDER BY name",
                rs -> rs.getString(1) + " " + rs.getString(2));
    }

    /** The columns of this database in table order, as {@code table.column type} lines. */
    public List<String> columns() {
        return connection().query("SELECT table, name, type FROM system.columns WHERE database = '" + name + "'",
                rs -> rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3));
    }

    @Override
    public synchronized void close() {
        try (ClickHouseConnection admin = server.connect("default")) {
            admin.execute("DROP DATABASE IF EXISTS `" + name + "`");
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
