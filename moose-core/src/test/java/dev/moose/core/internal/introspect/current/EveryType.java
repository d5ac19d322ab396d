package dev.moose.core.internal.introspect.current;

import dev.moose.annotations.Column;
import dev.moose.annotations.Key;
import dev.moose.annotations.LowCardinality;
import dev.moose.annotations.Nullable;
import dev.moose.annotations.OlapTable;
import java.math.BigDecimal;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Every type the Java mapping produces or accepts, declared the way users would: for current releases. */
@OlapTable(name = "every_type")
public record EveryType(
        @Key long id,
        boolean flag,
        Instant at,
        @Column(type = "DateTime64(3, 'Europe/Berlin')") Instant atBerlin,
        @Column(type = "Date32") LocalDate wideDay,
        Map<String, Long> counters,
        @Column(type = "JSON") String document,
        @Column(type = "Variant(String, UInt64)") Object either,
        @Column(type = "Dynamic") Object anything,
        Inet4Address ip4,
        Inet6Address ip6,
        UUID uuid,
        Status status,
        @Column(type = "Enum16('small' = -5, 'big' = 1000)") String size,
        BigDecimal exact,
        @Column(type = "Decimal(18, 4)") BigDecimal money,
        @LowCardinality @Nullable String maybeLabel,
        List<LineItem> items,
        Address address,
        @Column(type = "AggregateFunction(uniq, UInt64)") byte[] visitors,
        @Column(type = "SimpleAggregateFunction(sum, UInt64)") long total,
        @Column(type = "Int128") String big,
        @Column(type = "BFloat16") float half) {

    public enum Status { ACTIVE, PAUSED, CLOSED }

    public record LineItem(String sku, int quantity) {
    }

    public record Address(String street, String city) {
    }
}
