package dev.moose.core.server;

import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where and how to reach a ClickHouse server over HTTP(S), parsed from one of the accepted URL forms:
 * <ul>
 *   <li>{@code jdbc:clickhouse://host:8123/db?option=value} (also {@code jdbc:clickhouse:https://…}, {@code jdbc:ch:…})</li>
 *   <li>{@code clickhouse://user:password@host:port/db} (HTTPS when the port is 8443 or 443, or with {@code ?secure=true})</li>
 *   <li>{@code http://host:port/db} and {@code https://host:port/db}</li>
 * </ul>
 * User, password and database may also be given apart ({@link #withUser}, {@link #withPassword},
 * {@link #withDatabase}). The password is a {@link Secret}: {@link #toString()} and {@link #displayUrl()} never
 * show it. Options other than credentials are ClickHouse settings, sent with every statement.
 */
public record ConnectionSettings(
        boolean https,
        String host,
        int port,
        String database,
        String user,
        Secret password,
        SortedMap<String, String> options) {

    public static final int DEFAULT_HTTP_PORT = 8123;
    public static final int DEFAULT_HTTPS_PORT = 8443;
    public static final String DEFAULT_DATABASE = "default";
    public static final String DEFAULT_USER = "default";

    private static final Set<String> SSL_FLAGS = Set.of("ssl", "secure");
    private static final Set<String> CREDENTIAL_KEYS = Set.of("user", "username", "password");

    public ConnectionSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new MooseException("The ClickHouse URL has no host");
        }
        if (port <= 0 || port > 65535) {
            throw new MooseException("The ClickHouse port " + port + " is out of range 1-65535");
        }
        database = database == null || database.isBlank() ? DEFAULT_DATABASE : database;
        user = user == null || user.isBlank() ? DEFAULT_USER : user;
        password = password == null ? Secret.empty() : password;
        options = options == null ? new TreeMap<>() : new TreeMap<>(options);
        options = java.util.Collections.unmodifiableSortedMap(options);
    }

    /** A server on this machine, plain HTTP. */
    public static ConnectionSettings local(int httpPort, String database) {
        return new ConnectionSettings(false, "127.0.0.1", httpPort, database, null, null, null);
    }

    /**
     * Parses any accepted URL form.
     *
     * @throws MooseException naming the URL (password masked) and the accepted forms
     */
    public static ConnectionSettings parse(String url) {
        if (url == null || url.isBlank()) {
            throw new MooseException("No ClickHouse URL given. " + formsHint());
        }
        String text = url.trim();
        String rest;
        boolean https;
        boolean clickhouseScheme = false;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:clickhouse:") || lower.startsWith("jdbc:ch:")) {
            rest = text.substring(text.indexOf(':', 5) + 1);
            if (rest.startsWith("//")) {
                rest = "http:" + rest;
            }
        } else {
            rest = text;
        }
        String restLower = rest.toLowerCase(Locale.ROOT);
        if (restLower.startsWith("https://")) {
            https = true;
        } else if (restLower.startsWith("http://")) {
            https = false;
        } else if (restLower.startsWith("clickhouse://")) {
            https = false;
            clickhouseScheme = true;
        } else {
            throw new MooseException("'" + Redactor.redactUrl(text) + "' is not a ClickHouse URL. " + formsHint());
        }
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new MooseException("'" + Redactor.redactUrl(text) + "' is not a valid URL: " + e.getReason()
                    + ". " + formsHint());
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new MooseException("'" + Redactor.redactUrl(text) + "' has no host. " + formsHint());
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String user = null;
        Secret password = Secret.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                password = Secret.of(decode(userInfo.substring(colon + 1)));
            }
        }
        String database = null;
        String path = uri.getRawPath();
        if (path != null && path.length() > 1) {
            database = decode(path.substring(1));
            if (database.contains("/")) {
                throw new MooseException("'" + Redactor.redactUrl(text) + "' has a path with more than a database name: '"
                        + database + "'. " + formsHint());
            }
        }
        SortedMap<String, String> options = new TreeMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq)).trim();
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                String k = key.toLowerCase(Locale.ROOT);
                if (k.equals("password")) {
                    password = Secret.of(value);
                } else if (k.equals("user") || k.equals("username")) {
                    user = value;
                } else if (k.equals("database") && database == null) {
                    database = value;
                } else if (SSL_FLAGS.contains(k)) {
                    https = https || value.isEmpty() || value.equalsIgnoreCase("true") || value.equals("1");
                } else {
                    options.put(key, value);
                }
            }
        }
        int port = uri.getPort();
        if (clickhouseScheme && (port == 8443 || port == 443)) {
            https = true;
        }
        if (port < 0) {
            port = https ? DEFAULT_HTTPS_PORT : DEFAULT_HTTP_PORT;
        }
        return new ConnectionSettings(https, host, port, database, user, password, options);
    }

    static String formsHint() {
        return "Use jdbc:clickhouse://host:8123/db, clickhouse://user:password@host:8123/db or http(s)://host:port/db (set "
                + Fix.URL + ").";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public ConnectionSettings withUser(String newUser) {
        return new ConnectionSettings(https, host, port, database, newUser, password, options);
    }

    public ConnectionSettings withPassword(Secret newPassword) {
        return new ConnectionSettings(https, host, port, database, user, newPassword, options);
    }

    public ConnectionSettings withDatabase(String newDatabase) {
        return new ConnectionSettings(https, host, port, newDatabase, user, password, options);
    }

    public ConnectionSettings withOption(String key, String value) {
        if (CREDENTIAL_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("credentials are not options: use withUser/withPassword");
        }
        SortedMap<String, String> copy = new TreeMap<>(options);
        copy.put(key, value);
        return new ConnectionSettings(https, host, port, database, user, password, copy);
    }

    /** True when the host is this machine (a loopback or wildcard address, or {@code localhost}). */
    public boolean isLocal() {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost") || h.toLowerCase(java.util.Locale.ROOT).endsWith(".localhost")) {
            return true;
        }
        try {
            java.net.InetAddress address = java.net.InetAddress.getByName(h);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** {@code http(s)://host:port}, the server's HTTP endpoint. */
    public String endpoint() {
        return (https ? "https" : "http") + "://" + hostForUrl() + ":" + port;
    }

    /** The URL as a person should see it: user shown, password never. */
    public String displayUrl() {
        return (https ? "https" : "http") + "://" + encode(user) + "@" + hostForUrl() + ":" + port + "/" + database;
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return displayUrl();
    }
}
