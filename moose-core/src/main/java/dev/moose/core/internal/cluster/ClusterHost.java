package dev.moose.core.internal.cluster;

import dev.moose.core.MooseException;
import dev.moose.core.internal.sql.Sql;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.Shard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One host of a cluster, as {@code system.clusters} of the connected server lists it: its shard (and the shard's
 * weight), replica number, address and native port. Which host is the connected one is not known (18.16's
 * {@code is_local} is the shard's), so every host is read through remote(), the connected one too.
 */
public record ClusterHost(String cluster, int shard, long shardWeight, int replica, String host, int port) {

    /** {@code host:port}, as ClickHouse names hosts in its messages. */
    public String address() {
        return host + ":" + port;
    }

    /** {@code host ch2:9000 (shard 1, replica 2)}. */
    public String describe() {
        return "host " + address() + " (shard " + shard + ", replica " + replica + ")";
    }

    /**
     * The hosts of {@code cluster}, shard by shard.
     *
     * @throws MooseException when the connected server does not know the cluster (naming those it knows)
     */
    public static List<ClusterHost> of(ClickHouseConnection connection, String cluster) {
        List<ClusterHost> hosts = connection.query("SELECT shard_num, shard_weight, replica_num, host_name, port FROM system.clusters"
                + " WHERE cluster = " + Sql.quoteString(cluster) + " ORDER BY shard_num, replica_num",
                r -> new ClusterHost(cluster, r.getInt(1), r.getLong(2), r.getInt(3), r.getString(4), r.getInt(5)));
        if (hosts.isEmpty()) {
            List<String> known = connection.query("SELECT DISTINCT cluster FROM system.clusters ORDER BY cluster", r -> r.getString(1));
            throw new MooseException("The cluster '" + cluster + "' is not defined on " + connection.settings().displayUrl()
                    + (known.isEmpty() ? " (it defines none: remote_servers in its configuration)" : "; it defines: " + String.join(", ", known))
                    + ". Name one of its clusters, or define it in remote_servers on every host.");
        }
        return hosts;
    }

    /** The shards of {@code cluster}, with where each starts among the shard weights. */
    public static List<Shard> shards(ClickHouseConnection connection, String cluster) {
        Map<Integer, List<ClusterHost>> byShard = new TreeMap<>();
        for (ClusterHost h : of(connection, cluster)) {
            byShard.computeIfAbsent(h.shard(), k -> new ArrayList<>()).add(h);
        }
        List<Shard> shards = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<Integer, List<ClusterHost>> e : byShard.entrySet()) {
            shards.add(new Shard(e.getKey(), offset, e.getValue().stream().map(ClusterHost::address).toList()));
            offset += e.getValue().get(0).shardWeight();
        }
        return shards;
    }

    /** The shards of every cluster the operations run on. */
    public static Map<String, List<Shard>> shardsFor(ClickHouseConnection connection, List<? extends Operation> operations) {
        Map<String, List<Shard>> out = new TreeMap<>();
        for (Operation op : operations) {
            op.runsOnCluster().ifPresent(c -> out.computeIfAbsent(c, k -> shards(connection, k)));
        }
        return out;
    }

    /**
     * An expression that reads {@code database.table} on this host through the connected server, with the
     * connection's credentials: {@code remote('host:port', db.table, 'user', 'password')}.
     */
    public String remoteTable(ClickHouseConnection connection, String database, String table) {
        return "remote(" + Sql.quoteString(address()) + ", " + Sql.qualified(database, table) + ", "
                + Sql.quoteString(connection.settings().user()) + ", " + Sql.quoteString(connection.settings().password().reveal()) + ")";
    }
}
