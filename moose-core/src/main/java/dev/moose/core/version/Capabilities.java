package dev.moose.core.version;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one ClickHouse release can do: the single place that knows which DDL, types and settings each version has.
 * Thresholds come from ClickHouse's changelogs (see the site's server-version page) and were checked against a
 * live 18.16 server where it disagreed with them.
 */
public record Capabilities(ServerVersion version) {

    /** The release each type family first worked in (possibly behind a setting we send, see {@link #connectionSettings()}). */
    private static final Map<String, ServerVersion> TYPE_FAMILIES = Map.ofEntries(
            Map.entry("LowCardinality", ServerVersion.of(18, 12)),
            Map.entry("IPv4", ServerVersion.of(19, 3)),
            Map.entry("IPv6", ServerVersion.of(19, 3)),
            Map.entry("SimpleAggregateFunction", ServerVersion.of(19, 8)),
            Map.entry("DateTime64", ServerVersion.of(20, 1)),
            Map.entry("Point", ServerVersion.of(20, 5)),
            Map.entry("Ring", ServerVersion.of(20, 5)),
            Map.entry("Polygon", ServerVersion.of(20, 5)),
            Map.entry("MultiPolygon", ServerVersion.of(20, 5)),
            Map.entry("Int128", ServerVersion.of(20, 8)),
            Map.entry("Int256", ServerVersion.of(20, 8)),
            Map.entry("UInt256", ServerVersion.of(20, 8)),
            Map.entry("UInt128", ServerVersion.of(21, 6)),
            Map.entry("Map", ServerVersion.of(21, 1)),
            Map.entry("Date32", ServerVersion.of(21, 9)),
            Map.entry("Bool", ServerVersion.of(21, 12)),
            Map.entry("Object", ServerVersion.of(22, 3)),
            Map.entry("LineString", ServerVersion.of(23, 5)),
            Map.entry("MultiLineString", ServerVersion.of(23, 5)),
            Map.entry("Variant", ServerVersion.of(24, 1)),
            Map.entry("Dynamic", ServerVersion.of(24, 5)),
            Map.entry("JSON", ServerVersion.of(24, 8)),
            Map.entry("BFloat16", ServerVersion.of(24, 11)),
            Map.entry("Time", ServerVersion.of(25, 6)),
            Map.entry("Time64", ServerVersion.of(25, 6)),
            Map.entry("Geometry", ServerVersion.of(25, 11)));

    /** Interval types exist only as values of expressions, never as column types. */
    private static final String INTERVAL_PREFIX = "Interval";

    public static Capabilities of(ServerVersion version) {
        return new Capabilities(version);
    }

    /** True when this release runs the feature. */
    public boolean has(Feature feature) {
        return version.atLeast(feature.since());
    }

    /**
     * Before 20.1, {@code ADD COLUMN … COMMENT} and {@code MODIFY COLUMN … COMMENT} are accepted and silently
     * ignored (measured on 18.16.1): comments are then set with a separate {@code COMMENT COLUMN}.
     */
    public boolean ignoresCommentInAlter() {
        return !version.atLeast(20, 1);
    }

    /**
     * The release a type family needs, when this release is older; empty when this release has it. Interval types
     * and {@code Nothing} cannot be column types on any release.
     */
    public Optional<ServerVersion> typeFamilyNeeds(String family) {
        ServerVersion needed = TYPE_FAMILIES.get(family);
        return needed != null && !version.atLeast(needed) ? Optional.of(needed) : Optional.empty();
    }

    /** True when a column may have this type family on any release ({@code Interval*} and bare {@code Nothing} may not). */
    public static boolean isColumnTypeFamily(String family) {
        return !family.startsWith(INTERVAL_PREFIX) && !family.equals("Nothing");
    }

    /** Decimal precisions above 38 (Decimal256) arrived with the big integers. */
    public Optional<ServerVersion> decimalPrecisionNeeds(int precision) {
        ServerVersion needed = ServerVersion.of(20, 8);
        return precision > 38 && !version.atLeast(needed) ? Optional.of(needed) : Optional.empty();
    }

    /**
     * Settings to send with every statement so that this version accepts what we render, each only within the
     * releases that know it (an unknown setting is an error; an obsolete one is ignored).
     */
    public Map<String, String> connectionSettings() {
        Map<String, String> s = new TreeMap<>();
        window(s, 18, 12, 19, 3, "allow_experimental_low_cardinality_type");
        window(s, 19, 3, 20, 1, "allow_experimental_data_skipping_indices");
        window(s, 20, 5, 23, 5, "allow_experimental_geo_types");
        window(s, 20, 8, 21, 6, "allow_experimental_bigint_types");
        window(s, 21, 1, 22, 1, "allow_experimental_map_type");
        window(s, 24, 1, 25, 3, "allow_experimental_variant_type");
        window(s, 24, 5, 25, 3, "allow_experimental_dynamic_type");
        window(s, 24, 8, 25, 3, "allow_experimental_json_type");
        window(s, 24, 11, 25, 1, "allow_experimental_bfloat16_type");
        if (version.atLeast(22, 3)) {
            s.put("allow_experimental_object_type", "1");
        }
        return s;
    }

    private void window(Map<String, String> s, int fromMajor, int fromMinor, int toMajor, int toMinor, String setting) {
        if (version.atLeast(fromMajor, fromMinor) && !version.atLeast(toMajor, toMinor)) {
            s.put(setting, "1");
        }
    }
}
