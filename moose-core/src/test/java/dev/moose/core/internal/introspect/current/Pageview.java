package dev.moose.core.internal.introspect.current;

import dev.moose.annotations.Codec;
import dev.moose.annotations.Comment;
import dev.moose.annotations.Index;
import dev.moose.annotations.OlapTable;
import dev.moose.annotations.Projection;
import dev.moose.annotations.Ttl;
import java.time.Instant;

/** Table and column TTL, codecs, a skip index, a projection and comments: what 18.16 lacks in part. */
@OlapTable(name = "pageviews", orderBy = {"path", "ts"}, ttl = "toDateTime(ts) + INTERVAL 90 DAY",
        comment = "page views, kept 90 days")
@Index(name = "by_user", expression = "user_id", type = "bloom_filter(0.01)", granularity = 4)
@Projection(name = "by_user_ts", query = "SELECT user_id, ts ORDER BY user_id, ts")
public record Pageview(
        String path,
        Instant ts,
        long user_id,
        @Codec("ZSTD(3)") @Comment("the raw query string") String query,
        @Ttl("toDateTime(ts) + INTERVAL 7 DAY") String ip,
        @Codec("Delta(8), LZ4") long duration_ms) {
}
