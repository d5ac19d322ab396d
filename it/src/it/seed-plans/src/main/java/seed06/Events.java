package seed06;

import dev.moose.annotations.Column;
import dev.moose.annotations.Key;
import dev.moose.annotations.Nullable;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "events")
public record Events(@Key String user_id, @Column(type = "DateTime", renamedFrom = "createdAt") String created_at, @Nullable String status,
                     @Nullable Double value) {
}
