package shop.events;

import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

@OlapTable
public record Click(@Key long id, Channel channel, String url) {
}
