package seed01;

import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "new_table")
public record NewTable(@Key String id, String a_column, double some_other_column) {
}
