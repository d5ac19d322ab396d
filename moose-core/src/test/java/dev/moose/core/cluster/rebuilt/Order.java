package dev.moose.core.cluster.rebuilt;

import dev.moose.annotations.Engine;
import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

/** A replicated table on the project's cluster (one shard, two replicas). */
@OlapTable(name = "orders", engine = Engine.REPLICATED_MERGE_TREE)
public record Order(@Key long id, String customer, double amount) {
}
