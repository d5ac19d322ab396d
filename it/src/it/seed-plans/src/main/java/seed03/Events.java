package seed03;

import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "events")
public record Events(@Key String id, String name) {
}
