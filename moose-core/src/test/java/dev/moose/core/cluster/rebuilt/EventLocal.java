package dev.moose.core.cluster.rebuilt;

import dev.moose.annotations.OlapTable;

/** events_local with a new sorting key: ClickHouse cannot alter it in place, so the table is rebuilt on each shard. */
@OlapTable(name = "events_local", cluster = "two_shards", orderBy = {"kind", "id"})
public record EventLocal(long id, String kind) {
}
