package app;

import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "events")
public record Event(@Key long id, String name) {
}
