package dev.moose.core.version;

import java.util.List;
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

    /** The release that removed a type family again (checked on a live 26.5: Object('json') is refused). */
    private static final Map<String, ServerVersion> REMOVED_TYPE_FAMILIES = Map.of("Object", ServerVersion.of(25, 11));

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

    /** The release that removed a type family, when this release is that one or later; empty otherwise. */
    public Optional<ServerVersion> typeFamilyRemovedIn(String family) {
        ServerVersion removed = REMOVED_TYPE_FAMILIES.get(family);
        return removed != null && version.atLeast(removed) ? Optional.of(removed) : Optional.empty();
    }

    /** Each type family that a release removed again, and that release (for the documentation). */
    public static java.util.SortedMap<String, ServerVersion> removedTypeFamilies() {
        return new TreeMap<>(REMOVED_TYPE_FAMILIES);
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
        for (SettingWindow w : EXPERIMENTAL_SETTINGS) {
            if (version.atLeast(w.from()) && (w.until() == null || !version.atLeast(w.until()))) {
                s.put(w.setting(), "1");
            }
        }
        return s;
    }

    /** A setting and the releases that know it: from {@code from} up to, not including, {@code until} (null: still known). */
    private record SettingWindow(String setting, ServerVersion from, ServerVersion until) {
    }

    private static final List<SettingWindow> EXPERIMENTAL_SETTINGS = List.of(
            new SettingWindow("allow_experimental_low_cardinality_type", ServerVersion.of(18, 12), ServerVersion.of(19, 3)),
            new SettingWindow("allow_experimental_data_skipping_indices", ServerVersion.of(19, 3), ServerVersion.of(20, 1)),
            new SettingWindow("allow_experimental_geo_types", ServerVersion.of(20, 5), ServerVersion.of(23, 5)),
            new SettingWindow("allow_experimental_bigint_types", ServerVersion.of(20, 8), ServerVersion.of(21, 6)),
            new SettingWindow("allow_experimental_map_type", ServerVersion.of(21, 1), ServerVersion.of(22, 1)),
            new SettingWindow("allow_experimental_object_type", ServerVersion.of(22, 3), ServerVersion.of(25, 11)),
            new SettingWindow("allow_experimental_variant_type", ServerVersion.of(24, 1), ServerVersion.of(25, 3)),
            new SettingWindow("allow_experimental_dynamic_type", ServerVersion.of(24, 5), ServerVersion.of(25, 3)),
            new SettingWindow("allow_experimental_json_type", ServerVersion.of(24, 8), ServerVersion.of(25, 3)),
            new SettingWindow("allow_experimental_bfloat16_type", ServerVersion.of(24, 11), ServerVersion.of(25, 1)));

    /** Each type family with a first release, and that release (for the documentation). */
    public static java.util.SortedMap<String, ServerVersion> typeFamilies() {
        return new TreeMap<>(TYPE_FAMILIES);
    }

    /** Each experimental setting the connection sends, and the releases it is sent to, as text (for the documentation). */
    public static Map<String, String> experimentalSettings() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (SettingWindow w : EXPERIMENTAL_SETTINGS) {
            out.put(w.setting(), w.until() == null ? w.from() + " and later" : w.from() + " up to " + w.until() + " (not included)");
        }
        return out;
    }
}
