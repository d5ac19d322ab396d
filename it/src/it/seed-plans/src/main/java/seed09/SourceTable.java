package seed09;

import dev.moose.annotations.Column;
import dev.moose.annotations.Default;
import dev.moose.annotations.Key;
import dev.moose.annotations.Nullable;
import dev.moose.annotations.OlapTable;

/** The seed's column is not required (nullable), typed DateTime, defaulting to NOW. */
@OlapTable(name = "source_table")
public record SourceTable(@Key String id, @Nullable @Column(type = "DateTime") @Default("now()") String created_at) {
}
