package app.v2;

import dev.moose.annotations.Key;
import dev.moose.annotations.LowCardinality;
import dev.moose.annotations.OlapTable;

/** The next version of the code: a new column. */
@OlapTable(name = "events")
public record Event(@Key long id, String name, @LowCardinality String status) {
}
