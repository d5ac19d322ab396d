package dev.moose.core.cluster.backfilled;

import dev.moose.annotations.Engine;
import dev.moose.annotations.Key;
import dev.moose.annotations.MaterializedView;
import dev.moose.annotations.OlapTable;

/** Counts per kind on each shard, kept by a view over the shard's events_local: added later, so it is backfilled. */
@OlapTable(name = "kind_counts", cluster = "two_shards", engine = Engine.SUMMING_MERGE_TREE)
@MaterializedView(name = "kind_counts_mv", select = "SELECT kind, toUInt64(1) AS n FROM events_local")
public record KindCount(@Key String kind, long n) {
}
