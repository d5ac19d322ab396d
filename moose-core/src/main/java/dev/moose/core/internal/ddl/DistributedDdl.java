package dev.moose.core.internal.ddl;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.internal.sql.SqlLexer;
import dev.moose.core.internal.sql.SqlToken;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ClickHouseException;
import dev.moose.core.version.ServerVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a statement, and an {@code ON CLUSTER} one as distributed DDL: the server queues it for every host of the
 * cluster and answers when each ran it, or after the timeout. A failure names the hosts: the one that refused the
 * statement (ClickHouse says which), or the ones that did not answer in time, read from the task in the keeper.
 */
public final class DistributedDdl {

    private static final int TIMEOUT_EXCEEDED = 159;
    private static final Pattern TASK = Pattern.compile("Watching task (\\S+) is executing longer than");
    /** The hosts line of a task in the queue: {@code hosts: ['127%2E0%2E0%2E1:9000','…']}. */
    private static final Pattern TASK_HOSTS = Pattern.compile("hosts: \\[(.*)]");
    /** From 22.4 the queue entry carries the initiator's settings; before, each host runs with its own profile. */
    private static final ServerVersion SETTINGS_TRAVEL = ServerVersion.of(22, 4);

    private DistributedDdl() {
    }

    /** True when {@code sql} runs {@code ON CLUSTER}. */
    public static boolean isOnCluster(String sql) {
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("ON") && tokens.get(i + 1).is("CLUSTER")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code sql} under {@code queryId} with {@code settings}; an {@code ON CLUSTER} statement waits up to
     * {@code timeout} for every host.
     *
     * @throws ClickHouseException as the server refused it, with the hosts that failed or did not finish named
     */
    public static void execute(ClickHouseConnection connection, String sql, String queryId, Duration timeout,
                               Map<String, String> settings) {
        if (!isOnCluster(sql)) {
            connection.execute(sql, queryId, settings);
            return;
        }
        Map<String, String> withTimeout = new TreeMap<>(settings);
        withTimeout.put("distributed_ddl_task_timeout", Long.toString(Math.max(1, timeout.toSeconds())));
        try {
            connection.execute(sql, queryId, withTimeout);
        } catch (ClickHouseException e) {
            throw explained(connection, e, timeout);
        }
    }

    private static ClickHouseException explained(ClickHouseConnection connection, ClickHouseException e, Duration timeout) {
        String server = e.serverMessage() == null ? "" : e.serverMessage();
        Matcher task = TASK.matcher(server);
        if (e.code() == TIMEOUT_EXCEEDED && task.find()) {
            String hosts = unfinishedHosts(connection, task.group(1));
            return new ClickHouseException(ClickHouseException.Kind.TIMEOUT, e.code(), e.serverMessage(), e.statement(),
                    "Not every host of the cluster ran the statement within " + timeout.toSeconds() + " s: " + hosts
                    + ". ClickHouse keeps it queued (" + task.group(1) + "): those hosts run it when they are back. Bring them "
                    + "back, check the statement ran there, and run migrate again. Statement: " + connection.redact(e.statement()), e);
        }
        List<String> travelling = settingsNamedIn(connection, server);
        if (!travelling.isEmpty() && !connection.version().atLeast(SETTINGS_TRAVEL)) {
            return new ClickHouseException(e.kind(), e.code(), e.serverMessage(), e.statement(), e.getMessage()
                    + "\nOn ClickHouse before 22.4 the hosts run ON CLUSTER statements with their own default profile: the "
                    + "setting" + (travelling.size() > 1 ? "s " : " ") + String.join(", ", travelling) + " this connection sends "
                    + (travelling.size() > 1 ? "do" : "does") + " not travel with them. Set "
                    + (travelling.size() > 1 ? "them" : "it") + " in the default profile of every host (users.xml: "
                    + "<profiles><default><" + travelling.get(0) + ">" + connection.serverSettings().get(travelling.get(0))
                    + "</" + travelling.get(0) + "></default></profiles>), then run migrate again.", e);
        }
        return e;
    }

    private static List<String> settingsNamedIn(ClickHouseConnection connection, String message) {
        List<String> named = new ArrayList<>();
        for (String setting : new TreeMap<>(connection.serverSettings()).keySet()) {
            if (message.contains(setting)) {
                named.add(setting);
            }
        }
        return named;
    }

    /** The hosts of a queued task that have not finished it, as {@code host:port}; best effort when the keeper cannot be read. */
    private static String unfinishedHosts(ClickHouseConnection connection, String taskPath) {
        try {
            String parent = taskPath.substring(0, taskPath.lastIndexOf('/'));
            String name = taskPath.substring(taskPath.lastIndexOf('/') + 1);
            String entry = connection.queryString("SELECT value FROM system.zookeeper WHERE path = " + Sql.quoteString(parent)
                    + " AND name = " + Sql.quoteString(name)).orElse("");
            Set<String> hosts = new LinkedHashSet<>();
            Matcher m = TASK_HOSTS.matcher(entry);
            if (m.find()) {
                for (String h : m.group(1).split(",")) {
                    hosts.add(decodeHost(h.strip().replaceAll("^'|'$", "")));
                }
            }
            List<String> finished = connection.query("SELECT name FROM system.zookeeper WHERE path = "
                    + Sql.quoteString(taskPath + "/finished"), r -> decodeHost(r.getString(1)));
            hosts.removeAll(finished);
            return hosts.isEmpty() ? "the hosts could not be told apart" : "not finished on " + String.join(", ", hosts);
        } catch (RuntimeException unreadable) {
            return "the hosts that did not finish cannot be read from the keeper (" + unreadable.getMessage() + ")";
        }
    }

    /** Host ids in the queue escape dots and other characters: {@code 127%2E0%2E0%2E1:9000}. */
    private static String decodeHost(String id) {
        return java.net.URLDecoder.decode(id.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
