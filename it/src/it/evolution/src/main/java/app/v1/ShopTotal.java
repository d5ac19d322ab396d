package app.v1;

import dev.moose.annotations.Engine;
import dev.moose.annotations.MaterializedView;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "shop_totals", engine = Engine.SUMMING_MERGE_TREE, orderBy = "shop")
@MaterializedView(name = "shop_totals_mv", select = "SELECT shop, sum(amount) AS total FROM sales GROUP BY shop")
public record ShopTotal(String shop, double total) {
}
