package app.v3;

import dev.moose.annotations.Engine;
import dev.moose.annotations.MaterializedView;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "shop_totals", engine = Engine.SUMMING_MERGE_TREE, orderBy = "shop")
@MaterializedView(name = "shop_totals_mv",
        select = "SELECT store AS shop, toFloat64(sum(amount)) AS total FROM sales WHERE amount > 10 GROUP BY shop")
public record ShopTotal(String shop, double total) {
}
