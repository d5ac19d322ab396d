package app.v2;

import dev.moose.annotations.Engine;
import dev.moose.annotations.MaterializedView;
import dev.moose.annotations.OlapTable;

/** v2: the view's SELECT counts only sales above 10. */
@OlapTable(name = "shop_totals", engine = Engine.SUMMING_MERGE_TREE, orderBy = "shop")
@MaterializedView(name = "shop_totals_mv",
        select = "SELECT shop, toFloat64(sum(amount)) AS total FROM sales WHERE amount > 10 GROUP BY shop")
public record ShopTotal(String shop, double total) {
}
