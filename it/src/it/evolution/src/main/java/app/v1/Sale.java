package app.v1;

import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "sales")
public record Sale(@Key long id, String shop, double amount, String legacy_code) {
}
