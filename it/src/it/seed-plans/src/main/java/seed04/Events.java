package seed04;

import dev.moose.annotations.Key;
import dev.moose.annotations.LowCardinality;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "events")
public record Events(@Key String id, @LowCardinality String some_column) {
}
