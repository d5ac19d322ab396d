package com.example.analytics;

import dev.moose.annotations.View;

/** Views are declared on any class. */
@View(name = "top_event_types", select = "SELECT event_type, sum(events) AS events FROM daily_events GROUP BY event_type ORDER BY events DESC")
final class Reports {
    private Reports() {
    }
}
