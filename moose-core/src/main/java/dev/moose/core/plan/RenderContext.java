package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.ServerVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What rendering an operation may depend on: the server's version (which DDL it has), when known the state just
 * before the operation (to fill in what a short plan item leaves out), and the shards of the clusters the plan runs
 * on (a rebuild copies shard by shard), as the server lists them.
 */
public record RenderContext(ServerVersion version, InfraMap state, Map<String, List<Shard>> clusters, String database) {

    public RenderContext {
        clusters = clusters == null ? Map.of() : Map.copyOf(clusters);
    }

    public RenderContext(ServerVersion version, InfraMap state) {
        this(version, state, Map.of(), null);
    }

    /**
     * The connection's database, when known: a Distributed table over a table of "the current database" names it,
     * since hosts running ON CLUSTER DDL would take their own default database for {@code currentDatabase()}.
     */
    public Optional<String> connectionDatabase() {
        return Optional.ofNullable(database);
    }

    public RenderContext withDatabase(String connectionDatabase) {
        return new RenderContext(version, state, clusters, connectionDatabase);
    }

    public static RenderContext current() {
        return new RenderContext(ServerVersion.CURRENT_LTS, null);
    }

    public static RenderContext of(ServerVersion version) {
        return new RenderContext(version, null);
    }

    /** The shards of {@code cluster}, when the server was asked. */
    public Optional<List<Shard>> shards(String cluster) {
        return Optional.ofNullable(clusters.get(cluster));
    }

    public RenderContext withClusters(Map<String, List<Shard>> shardsByCluster) {
        return new RenderContext(version, state, shardsByCluster, database);
    }

    public Capabilities capabilities() {
        return Capabilities.of(version);
    }

    public RenderContext withState(InfraMap newState) {
        return new RenderContext(version, newState, clusters, database);
    }
}
