package dev.moose.core.cluster.backfilled;

import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

/** The local part of a sharded table: each of the two shards holds its own rows. */
@OlapTable(name = "events_local", cluster = "two_shards")
public record EventLocal(@Key long id, String kind) {
}
