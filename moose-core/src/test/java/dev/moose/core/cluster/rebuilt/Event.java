package dev.moose.core.cluster.rebuilt;

import dev.moose.annotations.Engine;
import dev.moose.annotations.OlapTable;

/** The Distributed table over the shards' events_local tables: inserts are spread by the sharding key. */
@OlapTable(name = "events", cluster = "two_shards", engine = Engine.DISTRIBUTED,
        engineArgs = {"two_shards", "currentDatabase()", "events_local", "id"})
public record Event(long id, String kind) {
}
