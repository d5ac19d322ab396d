package dev.moose.core.types;

import dev.moose.core.internal.sql.Sql;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A ClickHouse data type. {@link #toString()} prints it exactly as a current ClickHouse prints it in
 * {@code system.columns}, and two types are {@code equal} exactly when ClickHouse considers them the same type
 * ({@code Decimal32(2)} is {@code Decimal(9, 2)}, {@code Enum8('a', 'b')} is {@code Enum8('a' = 1, 'b' = 2)},
 * {@code Boolean} is {@code Bool}, {@code Variant} alternatives in any order).
 *
 * <pre>{@code
 * ClickHouseType t = ClickHouseType.parse("LowCardinality(Nullable(String))");
 * t.toString();   // "LowCardinality(Nullable(String))"
 * }</pre>
 */
public sealed interface ClickHouseType {

    /**
     * Parses a type as written in DDL or as printed by the server.
     *
     * @throws TypeParseException pointing at the character that could not be read
     */
    static ClickHouseType parse(String text) {
        return TypeParser.parse(text);
    }

    /** The type family: {@code Array}, {@code Nullable}, {@code DateTime64}, {@code String} … */
    String family();

    /** The types directly inside this one (element, key and value, tuple elements …). */
    default List<ClickHouseType> children() {
        return List.of();
    }

    /** This type without an outer {@code Nullable}. */
    default ClickHouseType withoutNullable() {
        return this;
    }

    default boolean isNullable() {
        return false;
    }

    /** Appends the canonical text. */
    void appendTo(StringBuilder sb);

    /** The canonical text, built once per call. */
    static String text(ClickHouseType type) {
        StringBuilder sb = new StringBuilder();
        type.appendTo(sb);
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ leaves

    /** A type without parameters: integers, floats, {@code String}, {@code UUID}, {@code Date}, intervals, geo types … */
    record Simple(String name) implements ClickHouseType {
        public static final Set<String> NAMES = Set.of(
                "Int8", "Int16", "Int32", "Int64", "Int128", "Int256",
                "UInt8", "UInt16", "UInt32", "UInt64", "UInt128", "UInt256",
                "Float32", "Float64", "BFloat16", "Bool", "String", "UUID", "IPv4", "IPv6",
                "Date", "Date32", "Time", "Nothing",
                "IntervalNanosecond", "IntervalMicrosecond", "IntervalMillisecond", "IntervalSecond", "IntervalMinute",
                "IntervalHour", "IntervalDay", "IntervalWeek", "IntervalMonth", "IntervalQuarter", "IntervalYear",
                "Point", "Ring", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "Geometry");

        public Simple {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("not a parameterless ClickHouse type: " + name);
            }
        }

        @Override public String family() { return name; }
        @Override public void appendTo(StringBuilder sb) { sb.append(name); }
        @Override public String toString() { return name; }
    }

    record FixedString(int length) implements ClickHouseType {
        public FixedString {
            if (length < 1) {
                throw new IllegalArgumentException("FixedString length must be at least 1, not " + length);
            }
        }

        @Override public String family() { return "FixedString"; }
        @Override public void appendTo(StringBuilder sb) { sb.append("FixedString(").append(length).append(')'); }
        @Override public String toString() { return text(this); }
    }

    /** {@code Decimal(P, S)}; the {@code Decimal32/64/128/256(S)} spellings parse to this with P = 9, 18, 38, 76. */
    record Decimal(int precision, int scale) implements ClickHouseType {
        public Decimal {
            if (precision < 1 || precision > 76) {
                throw new IllegalArgumentException("Decimal precision must be 1 to 76, not " + precision);
            }
            if (scale < 0 || scale > precision) {
                throw new IllegalArgumentException("Decimal scale must be 0 to the precision (" + precision + "), not " + scale);
            }
        }

        @Override public String family() { return "Decimal"; }
        @Override public void appendTo(StringBuilder sb) { sb.append("Decimal(").append(precision).append(", ").append(scale).append(')'); }
        @Override public String toString() { return text(this); }
    }

    /** {@code DateTime} or {@code DateTime('tz')}. */
    record DateTime(String timezone) implements ClickHouseType {
        @Override public String family() { return "DateTime"; }

        @Override
        public void appendTo(StringBuilder sb) {
            sb.append("DateTime");
            if (timezone != null) {
                sb.append('(').append(Sql.quoteString(timezone)).append(')');
            }
        }

        @Override public String toString() { return text(this); }
    }

    /** {@code DateTime64(p)} or {@code DateTime64(p, 'tz')}. */
    record DateTime64(int precision, String timezone) implements ClickHouseType {
        public DateTime64 {
            if (precision < 0 || precision > 9) {
                throw new IllegalArgumentException("DateTime64 precision must be 0 to 9, not " + precision);
            }
        }

        @Override public String family() { return "DateTime64"; }

        @Override
        public void appendTo(StringBuilder sb) {
            sb.append("DateTime64(").append(precision);
            if (timezone != null) {
                sb.append(", ").append(Sql.quoteString(timezone));
            }
            sb.append(')');
        }

        @Override public String toString() { return text(this); }
    }

    /** {@code Time64(p)}. */
    record Time64(int precision) implements ClickHouseType {
        public Time64 {
            if (precision < 0 || precision > 9) {
                throw new IllegalArgumentException("Time64 precision must be 0 to 9, not " + precision);
            }
        }

        @Override public String family() { return "Time64"; }
        @Override public void appendTo(StringBuilder sb) { sb.append("Time64(").append(precision).append(')'); }
        @Override public String toString() { return text(this); }
    }

    /** One member of an enum. */
    record EnumValue(String name, int value) {
        public EnumValue {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code Enum8('a' = 1, 'b' = 2)}: members kept sorted by value, as ClickHouse does. */
    record Enum(int bits, List<EnumValue> values) implements ClickHouseType {
        public Enum {
            if (bits != 8 && bits != 16) {
                throw new IllegalArgumentException("Enum size must be 8 or 16 bits, not " + bits);
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an Enum needs at least one value");
            }
            List<EnumValue> sorted = new ArrayList<>(values);
            sorted.sort(Comparator.comparingInt(EnumValue::value));
            int min = bits == 8 ? Byte.MIN_VALUE : Short.MIN_VALUE;
            int max = bits == 8 ? Byte.MAX_VALUE : Short.MAX_VALUE;
            Set<String> names = new TreeSet<>();
            for (int i = 0; i < sorted.size(); i++) {
                EnumValue v = sorted.get(i);
                if (v.value() < min || v.value() > max) {
                    throw new IllegalArgumentException("Enum" + bits + " value " + v.value() + " of '" + v.name()
                            + "' is outside " + min + ".." + max + (bits == 8 ? "; use Enum16" : ""));
                }
                if (i > 0 && sorted.get(i - 1).value() == v.value()) {
                    throw new IllegalArgumentException("Enum value " + v.value() + " is used twice");
                }
                if (!names.add(v.name())) {
                    throw new IllegalArgumentException("Enum name '" + v.name() + "' is used twice");
                }
            }
            values = List.copyOf(sorted);
        }

        @Override public String family() { return "Enum" + bits; }

        @Override
        public void appendTo(StringBuilder sb) {
            sb.append("Enum").append(bits).append('(');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(Sql.quoteString(values.get(i).name())).append(" = ").append(values.get(i).value());
            }
            sb.append(')');
        }

        @Override public String toString() { return text(this); }
    }

    // ------------------------------------------------------------------------------------------------ wrappers

    record Nullable(ClickHouseType inner) implements ClickHouseType {
        public Nullable {
            Objects.requireNonNull(inner, "inner");
            if (inner instanceof Nullable || inner instanceof LowCardinality || inner instanceof Array
                    || inner instanceof Map || inner instanceof Tuple || inner instanceof Nested
                    || inner instanceof AggregateFunction || inner instanceof Variant || inner instanceof Dynamic) {
                throw new IllegalArgumentException(inner.family() + " cannot be inside Nullable"
                        + (inner instanceof LowCardinality lc ? "; write LowCardinality(Nullable(" + lc.inner() + "))" : ""));
            }
        }

        @Override public String family() { return "Nullable"; }
        @Override public List<ClickHouseType> children() { return List.of(inner); }
        @Override public ClickHouseType withoutNullable() { return inner; }
        @Override public boolean isNullable() { return true; }
        @Override public void appendTo(StringBuilder sb) { sb.append("Nullable("); inner.appendTo(sb); sb.append(')'); }
        @Override public String toString() { return text(this); }
    }

    record LowCardinality(ClickHouseType inner) implements ClickHouseType {
        public LowCardinality {
            Objects.requireNonNull(inner, "inner");
            if (inner instanceof LowCardinality || inner instanceof Array || inner instanceof Map
                    || inner instanceof Tuple || inner instanceof Nested || inner instanceof AggregateFunction) {
                throw new IllegalArgumentException(inner.family() + " cannot be inside LowCardinality");
            }
        }

        @Override public String family() { return "LowCardinality"; }
        @Override public List<ClickHouseType> children() { return List.of(inner); }
        @Override public boolean isNullable() { return inner.isNullable(); }
        @Override public void appendTo(StringBuilder sb) { sb.append("LowCardinality("); inner.appendTo(sb); sb.append(')'); }
        @Override public String toString() { return text(this); }
    }

    record Array(ClickHouseType element) implements ClickHouseType {
        public Array {
            Objects.requireNonNull(element, "element");
        }

        @Override public String family() { return "Array"; }
        @Override public List<ClickHouseType> children() { return List.of(element); }
        @Override public void appendTo(StringBuilder sb) { sb.append("Array("); element.appendTo(sb); sb.append(')'); }
        @Override public String toString() { return text(this); }
    }

    record Map(ClickHouseType key, ClickHouseType value) implements ClickHouseType {
        public Map {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (key.isNullable()) {
                throw new IllegalArgumentException("a Map key cannot be Nullable");
            }
        }

        @Override public String family() { return "Map"; }
        @Override public List<ClickHouseType> children() { return List.of(key, value); }

        @Override
        public void appendTo(StringBuilder sb) {
            sb.append("Map(");
            key.appendTo(sb);
            sb.append(", ");
            value.appendTo(sb);
            sb.append(')');
        }

        @Override public String toString() { return text(this); }
    }

    /** A tuple element or a Nested field: {@code name} is {@code null} for unnamed tuple elements. */
    record Element(String name, ClickHouseType type) {
        public Element {
            Objects.requireNonNull(type, "type");
        }
    }

    /** {@code Tuple(String, UInt8)} or {@code Tuple(a String, b UInt8)}: all elements named or none. */
    record Tuple(List<Element> elements) implements ClickHouseType {
        public Tuple {
            elements = List.copyOf(elements);
            long named = elements.stream().filter(e -> e.name() != null).count();
            if (named != 0 && named != elements.size()) {
                throw new IllegalArgumentException("name every Tuple element or none");
            }
            requireDistinctNames(elements, "Tuple");
        }

        public boolean isNamed() {
            return !elements.isEmpty() && elements.get(0).name() != null;
        }

        @Override public String family() { return "Tuple"; }
        @Override public List<ClickHouseType> children() { return elements.stream().map(Element::type).toList(); }
        @Override public void appendTo(StringBuilder sb) { appendElements(sb, "Tuple", elements); }
        @Override public String toString() { return text(this); }
    }

    /** {@code Nested(a String, b UInt8)}: stored by ClickHouse as parallel arrays. */
    record Nested(List<Element> fields) implements ClickHouseType {
        public Nested {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("Nested needs at least one field");
            }
            for (Element f : fields) {
                if (f.name() == null) {
                    throw new IllegalArgumentException("every Nested field needs a name");
                }
            }
            requireDistinctNames(fields, "Nested");
        }

        @Override public String family() { return "Nested"; }
        @Override public List<ClickHouseType> children() { return fields.stream().map(Element::type).toList(); }
        @Override public void appendTo(StringBuilder sb) { appendElements(sb, "Nested", fields); }
        @Override public String toString() { return text(this); }
    }

    /**
     * {@code AggregateFunction(quantiles(0.5, 0.9), Float64)} or, when {@code simple},
     * {@code SimpleAggregateFunction(sum, UInt64)}. {@code parameters} are literals in canonical SQL form.
     * {@code version} is the state version some functions print ({@code AggregateFunction(1, sumMap, …)}); 0 when
     * not given. It is printed when set but does not take part in equality: a declaration without it means the
     * function's default version, which is what the server prints.
     */
    record AggregateFunction(boolean simple, int version, String function, List<String> parameters,
                             List<ClickHouseType> arguments) implements ClickHouseType {
        public AggregateFunction {
            Objects.requireNonNull(function, "function");
            parameters = List.copyOf(parameters);
            arguments = List.copyOf(arguments);
            if (simple && arguments.size() > 1) {
                // at most one: SimpleAggregateFunction(count) has none
                throw new IllegalArgumentException("SimpleAggregateFunction takes one argument type, not " + arguments.size());
            }
            if (version < 0) {
                throw new IllegalArgumentException("aggregate function state version cannot be negative");
            }
        }

        public AggregateFunction(boolean simple, String function, List<String> parameters, List<ClickHouseType> arguments) {
            this(simple, 0, function, parameters, arguments);
        }

        @Override public String family() { return simple ? "SimpleAggregateFunction" : "AggregateFunction"; }
        @Override public List<ClickHouseType> children() { return arguments; }

        @Override
        public void appendTo(StringBuilder sb) {
            sb.append(family()).append('(');
            if (version != 0 && !simple) {
                sb.append(version).append(", ");
            }
            sb.append(function);
            if (!parameters.isEmpty()) {
                sb.append('(').append(String.join(", ", parameters)).append(')');
            }
            for (ClickHouseType a : arguments) {
                sb.append(", ");
                a.appendTo(sb);
            }
            sb.append(')');
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AggregateFunction a && a.simple == simple && a.function.equals(function)
                    && a.parameters.equals(parameters) && a.arguments.equals(arguments);
        }

        @Override
        public int hashCode() {
            return Objects.hash(simple, function, parameters, arguments);
        }

        @Override public String toString() { return text(this); }
    }

    /**
     * {@code Variant(T1, T2, …)}: alternatives sorted by name with duplicates and {@code Nothing} removed, as
     * ClickHouse does; Nullable, Variant and Dynamic alternatives are refused.
     */
    record Variant(List<ClickHouseType> alternatives) implements ClickHouseType {
        public Variant {
            SortedMap<String, ClickHouseType> byName = new TreeMap<>();
            for (ClickHouseType t : alternatives) {
                if (t.isNullable()) {
                    throw new IllegalArgumentException("Nullable types cannot be inside Variant; Variant is nullable itself");
                }
                if (t instanceof Variant || t instanceof Dynamic) {
                    throw new IllegalArgumentException(t.family() + " cannot be inside Variant");
                }
                if (!t.family().equals("Nothing")) {
                    byName.put(t.toString(), t);
                }
            }
            if (byName.isEmpty()) {
                throw new IllegalArgumentException("Variant needs at least one type");
            }
            alternatives = List.copyOf(byName.values());
        }

        @Override public String family() { return "Variant"; }
        @Override public List<ClickHouseType> children() { return alternatives; }

        @Override
        public void appendTo(StringBuilder sb) {
            sb.append("Variant(");
            for (int i = 0; i < alternatives.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                alternatives.get(i).appendTo(sb);
            }
            sb.append(')');
        }

        @Override public String toString() { return text(this); }
    }

    /** {@code Dynamic} or {@code Dynamic(max_types=N)} (printed only when not the default, 32). */
    record Dynamic(int maxTypes) implements ClickHouseType {
        public static final int DEFAULT_MAX_TYPES = 32;

        public Dynamic {
            if (maxTypes < 0 || maxTypes > 254) {
                throw new IllegalArgumentException("Dynamic max_types must be 0 to 254, not " + maxTypes);
            }
        }

        @Override public String family() { return "Dynamic"; }

        @Override
        public void appendTo(StringBuilder sb) {
            sb.append("Dynamic");
            if (maxTypes != DEFAULT_MAX_TYPES) {
                sb.append("(max_types=").append(maxTypes).append(')');
            }
        }

        @Override public String toString() { return text(this); }
    }

    /**
     * The JSON type with its parameters, printed as ClickHouse does: {@code max_dynamic_types} then
     * {@code max_dynamic_paths} (each only when not the default), typed paths sorted, {@code SKIP} paths sorted,
     * {@code SKIP REGEXP} in declaration order.
     */
    record Json(int maxDynamicPaths, int maxDynamicTypes, SortedMap<String, ClickHouseType> typedPaths,
                SortedSet<String> skipPaths, List<String> skipRegexps) implements ClickHouseType {
        public static final int DEFAULT_MAX_DYNAMIC_PATHS = 1024;
        public static final int DEFAULT_MAX_DYNAMIC_TYPES = 32;

        public Json {
            typedPaths = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(typedPaths));
            skipPaths = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(skipPaths));
            skipRegexps = List.copyOf(skipRegexps);
        }

        public static Json plain() {
            return new Json(DEFAULT_MAX_DYNAMIC_PATHS, DEFAULT_MAX_DYNAMIC_TYPES, new TreeMap<>(), new TreeSet<>(), List.of());
        }

        @Override public String family() { return "JSON"; }
        @Override public List<ClickHouseType> children() { return List.copyOf(typedPaths.values()); }

        @Override
        public void appendTo(StringBuilder sb) {
            List<String> parts = new ArrayList<>();
            if (maxDynamicTypes != DEFAULT_MAX_DYNAMIC_TYPES) {
                parts.add("max_dynamic_types=" + maxDynamicTypes);
            }
            if (maxDynamicPaths != DEFAULT_MAX_DYNAMIC_PATHS) {
                parts.add("max_dynamic_paths=" + maxDynamicPaths);
            }
            typedPaths.forEach((path, type) -> parts.add(
                    (path.equalsIgnoreCase("SKIP") ? Sql.quoteIdentifier(path) : Sql.identifierIfNeeded(path)) + " " + type));
            skipPaths.forEach(p -> parts.add("SKIP " + Sql.identifierIfNeeded(p)));
            skipRegexps.forEach(r -> parts.add("SKIP REGEXP " + Sql.quoteString(r)));
            sb.append("JSON");
            if (!parts.isEmpty()) {
                sb.append('(').append(String.join(", ", parts)).append(')');
            }
        }

        @Override public String toString() { return text(this); }
    }

    /** The deprecated {@code Object('json')} type. */
    record ObjectJson(String schema) implements ClickHouseType {
        @Override public String family() { return "Object"; }
        @Override public void appendTo(StringBuilder sb) { sb.append("Object(").append(Sql.quoteString(schema)).append(')'); }
        @Override public String toString() { return text(this); }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void requireDistinctNames(List<Element> elements, String family) {
        Set<String> seen = new TreeSet<>();
        for (Element e : elements) {
            if (e.name() != null && !seen.add(e.name())) {
                throw new IllegalArgumentException(family + " element name '" + e.name() + "' is used twice");
            }
        }
    }

    private static void appendElements(StringBuilder sb, String family, List<Element> elements) {
        sb.append(family).append('(');
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Element e = elements.get(i);
            if (e.name() != null) {
                sb.append(Sql.identifierIfNeeded(e.name())).append(' ');
            }
            e.type().appendTo(sb);
        }
        sb.append(')');
    }
}
