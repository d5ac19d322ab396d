package seed07;

import dev.moose.annotations.Column;
import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "source_table")
public record SourceTable(@Key String id, String color, @Column(type = "DateTime") String createdAt) {
}
