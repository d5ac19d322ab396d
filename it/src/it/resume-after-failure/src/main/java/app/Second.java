package app;

import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "second_table")
public record Second(@Key long id) {
}
