package com.example.shop;

import dev.moose.annotations.Default;
import dev.moose.annotations.Key;
import dev.moose.annotations.LowCardinality;
import dev.moose.annotations.Nullable;
import dev.moose.annotations.OlapTable;
import java.math.BigDecimal;
import java.time.Instant;

@OlapTable(partitionBy = "toYYYYMM(placed_at)")
public record Order(@Key long id, @Key Instant placed_at, @LowCardinality String country, @Nullable String coupon,
                    @Default("'new'") String status, BigDecimal total) {
}
