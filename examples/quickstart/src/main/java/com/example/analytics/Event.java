package com.example.analytics;

import dev.moose.annotations.Default;
import dev.moose.annotations.Key;
import dev.moose.annotations.LowCardinality;
import dev.moose.annotations.Nullable;
import dev.moose.annotations.OlapTable;
import java.time.Instant;

/** Raw events: one row per thing that happened. */
@OlapTable(partitionBy = "toYYYYMM(ts)")
public record Event(
        @Key String user_id,
        @Key Instant ts,
        @LowCardinality String event_type,
        @Nullable String referrer,
        @Default("'web'") String source) {
}
