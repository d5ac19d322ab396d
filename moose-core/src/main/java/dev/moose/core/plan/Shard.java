package dev.moose.core.plan;

import java.util.List;

/**
 * A shard of a cluster, as statements that work shard by shard need it: its number, where its slots start among
 * the cluster's shard weights (a Distributed table with this constant as sharding key writes to this shard), and
 * its replicas' native addresses ({@code host:port}).
 */
public record Shard(int number, long weightOffset, List<String> replicas) {

    public Shard {
        replicas = List.copyOf(replicas);
    }

    /** {@code 'h1:9000|h2:9000'}: any one replica, as remote() reads a shard. */
    public String replicasPattern() {
        return String.join("|", replicas);
    }
}
