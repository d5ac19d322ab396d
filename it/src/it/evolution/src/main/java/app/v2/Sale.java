package app.v2;

import dev.moose.annotations.Default;
import dev.moose.annotations.Key;
import dev.moose.annotations.LowCardinality;
import dev.moose.annotations.OlapTable;

/** v2: legacy_code dropped, country added, amount widened to Decimal. */
@OlapTable(name = "sales")
public record Sale(@Key long id, String shop, @dev.moose.annotations.Column(type = "Decimal(18, 2)") java.math.BigDecimal amount,
                   @LowCardinality @Default("'unknown'") String country) {
}
