package com.example.shop;

import dev.moose.annotations.Engine;
import dev.moose.annotations.MaterializedView;
import dev.moose.annotations.OlapTable;
import java.math.BigDecimal;
import java.time.LocalDate;

@OlapTable(engine = Engine.SUMMING_MERGE_TREE, orderBy = "day")
@MaterializedView(name = "daily_revenue_mv",
        select = "SELECT toDate(placed_at) AS day, sum(total) AS revenue FROM `order` GROUP BY day")
public record DailyRevenue(LocalDate day, BigDecimal revenue) {
}
