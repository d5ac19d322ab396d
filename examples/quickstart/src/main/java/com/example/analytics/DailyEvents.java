package com.example.analytics;

import dev.moose.annotations.Engine;
import dev.moose.annotations.MaterializedView;
import dev.moose.annotations.OlapTable;
import java.time.LocalDate;

/** Events per day and type, kept up to date by a materialized view on every insert into event. */
@OlapTable(engine = Engine.SUMMING_MERGE_TREE, orderBy = {"day", "event_type"})
@MaterializedView(name = "daily_events_mv",
        select = "SELECT toDate(ts) AS day, event_type, count() AS events FROM event GROUP BY day, event_type")
public record DailyEvents(LocalDate day, String event_type, long events) {
}
