package app;

import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "first_table")
public record First(@Key long id) {
}
