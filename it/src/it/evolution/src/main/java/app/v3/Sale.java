package app.v3;

import dev.moose.annotations.Column;
import dev.moose.annotations.Default;
import dev.moose.annotations.Key;
import dev.moose.annotations.LowCardinality;
import dev.moose.annotations.OlapTable;

/** v3: shop renamed to store, every row kept. */
@OlapTable(name = "sales")
public record Sale(@Key long id, @Column(renamedFrom = "shop") String store,
                   @Column(type = "Decimal(18, 2)") java.math.BigDecimal amount,
                   @LowCardinality @Default("'unknown'") String country) {
}
