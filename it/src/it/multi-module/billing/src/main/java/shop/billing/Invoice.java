package shop.billing;

import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;
import java.math.BigDecimal;
import shop.events.Channel;

@OlapTable
public record Invoice(@Key long id, Channel channel, BigDecimal amount) {
}
