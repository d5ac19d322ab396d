package dev.moose.core.internal.cluster;

import dev.moose.core.internal.diff.Differences;
import dev.moose.core.internal.introspect.Introspector;
import dev.moose.core.internal.introspect.RemoteSchema;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.Table;
import dev.moose.core.server.ClickHouseConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What differs between the hosts of a cluster for the objects that live on it: every host is read (through the
 * connected server) and compared with the connected one, so that a plan made from one host is right for all.
 */
public final class HostDrift {

    private HostDrift() {
    }

    /**
     * Per host (the connected one included, read as the others are), what differs from the connected server for the objects {@code objects} places on a cluster:
     * {@code host 127.0.0.1:9001 (shard 1, replica 2): table orders: column note: missing}. Empty when they agree.
     *
     * @param objects   the objects concerned (the code's, or a snapshot's), with their clusters
     * @param connected the connected server as read
     */
    public static List<String> between(ClickHouseConnection connection, InfraMap objects, RemoteSchema connected, boolean comments) {
        Map<String, Set<String>> keysByCluster = new LinkedHashMap<>();
        for (Table t : objects.tables().values()) {
            if (t.cluster() != null) {
                keysByCluster.computeIfAbsent(t.cluster(), k -> new TreeSet<>()).add(t.key());
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : keysByCluster.entrySet()) {
            Set<String> tables = e.getValue();
            Set<String> views = new TreeSet<>();
            for (MaterializedView v : objects.materializedViews().values()) {
                if (tables.contains(v.targetKey())) {
                    views.add(v.key());
                }
            }
            InfraMap here = only(connected.everything(), tables, views);
            for (ClusterHost host : ClusterHost.of(connection, e.getKey())) {
                RemoteSchema there = Introspector.introspectThrough(connection, t -> host.remoteTable(connection, "system", t),
                        objects.namedDatabases());
                for (String d : Differences.between(here, only(there.everything(), tables, views), comments)) {
                    out.add(host.describe() + ": " + d);
                }
            }
        }
        return out;
    }

    private static InfraMap only(InfraMap all, Set<String> tables, Set<String> views) {
        return InfraMap.of(all.tables().values().stream().filter(t -> tables.contains(t.key())).toList(),
                all.materializedViews().values().stream().filter(v -> views.contains(v.key())).toList(), List.of(), List.of());
    }
}
