package dev.moose.core.cluster.backfilled;

import dev.moose.annotations.Engine;
import dev.moose.annotations.Key;
import dev.moose.annotations.MaterializedView;
import dev.moose.annotations.OlapTable;

/** A replicated summing table, filled by a materialized view from the orders on every replica. */
@OlapTable(name = "customer_totals", engine = Engine.REPLICATED_SUMMING_MERGE_TREE)
@MaterializedView(name = "customer_totals_mv", select = "SELECT customer, amount AS total FROM orders")
public record CustomerTotal(@Key String customer, double total) {
}
