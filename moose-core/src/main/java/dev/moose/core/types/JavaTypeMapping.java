package dev.moose.core.types;

import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.ServerVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps Java types to ClickHouse types, for a target ClickHouse release:
 *
 * <table>
 *   <caption>Defaults (current releases; older targets get the older form)</caption>
 *   <tr><th>Java</th><th>ClickHouse</th><th>before</th></tr>
 *   <tr><td>String, CharSequence, byte[]</td><td>String</td><td></td></tr>
 *   <tr><td>int, short, byte, long</td><td>Int32, Int16, Int8, Int64</td><td></td></tr>
 *   <tr><td>float, double</td><td>Float32, Float64</td><td></td></tr>
 *   <tr><td>boolean</td><td>Bool</td><td>UInt8 before 21.12</td></tr>
 *   <tr><td>BigDecimal</td><td>Decimal(38, 9)</td><td></td></tr>
 *   <tr><td>BigInteger</td><td>Int256</td><td>refused before 20.8</td></tr>
 *   <tr><td>UUID</td><td>UUID</td><td></td></tr>
 *   <tr><td>LocalDate, java.sql.Date</td><td>Date</td><td></td></tr>
 *   <tr><td>LocalDateTime</td><td>DateTime64(3)</td><td>DateTime before 20.1</td></tr>
 *   <tr><td>Instant, OffsetDateTime, ZonedDateTime, java.util.Date, Timestamp</td><td>DateTime64(3, 'UTC')</td><td>DateTime('UTC') before 20.1</td></tr>
 *   <tr><td>Inet4Address, Inet6Address, InetAddress</td><td>IPv4, IPv6, IPv6</td><td>UInt32, FixedString(16) before 19.3</td></tr>
 *   <tr><td>enum</td><td>Enum8 (Enum16 above 127 constants), values 1, 2, … in declaration order</td><td></td></tr>
 *   <tr><td>List, Set, Collection, arrays</td><td>Array(T)</td><td></td></tr>
 *   <tr><td>Map</td><td>Map(K, V)</td><td>refused before 21.1</td></tr>
 *   <tr><td>Optional&lt;T&gt;, OptionalInt …</td><td>Nullable(T)</td><td></td></tr>
 *   <tr><td>a record or class</td><td>Tuple(name T, …)</td><td></td></tr>
 *   <tr><td>List of records</td><td>Nested(name T, …)</td><td></td></tr>
 * </table>
 */
public final class JavaTypeMapping {

    /** What the mapping needs to know about user classes (enums and nested records), read without loading them. */
    public interface ClassLookup {
        /** The class's kind and members, or empty when the class is not found on the classpath. */
        Optional<UserClass> find(String className);
    }

    /** A user class: an enum with its constants, or a record/class with its members. */
    public record UserClass(String name, boolean isEnum, List<String> enumConstants, List<JavaMember> members) {
    }

    /** A Java type that has no ClickHouse mapping; the message says why and what to do. */
    public static final class UnsupportedJavaTypeException extends MooseException {
        private static final long serialVersionUID = 1L;

        public UnsupportedJavaTypeException(String message) {
            super(message);
        }
    }

    private static final Set<String> COLLECTIONS = Set.of(
            "java.util.List", "java.util.Set", "java.util.Collection", "java.util.SortedSet", "java.util.NavigableSet",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.lang.Iterable");
    private static final Set<String> MAPS = Set.of(
            "java.util.Map", "java.util.SortedMap", "java.util.NavigableMap", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap");
    private static final Set<String> INSTANTS = Set.of(
            "java.time.Instant", "java.time.OffsetDateTime", "java.time.ZonedDateTime", "java.util.Date", "java.sql.Timestamp");

    private static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("int", "Int32"), Map.entry("java.lang.Integer", "Int32"),
            Map.entry("long", "Int64"), Map.entry("java.lang.Long", "Int64"),
            Map.entry("short", "Int16"), Map.entry("java.lang.Short", "Int16"),
            Map.entry("byte", "Int8"), Map.entry("java.lang.Byte", "Int8"),
            Map.entry("float", "Float32"), Map.entry("java.lang.Float", "Float32"),
            Map.entry("double", "Float64"), Map.entry("java.lang.Double", "Float64"),
            Map.entry("java.lang.String", "String"), Map.entry("java.lang.CharSequence", "String"),
            Map.entry("java.math.BigDecimal", "Decimal(38, 9)"),
            Map.entry("java.util.UUID", "UUID"),
            Map.entry("java.time.LocalDate", "Date"), Map.entry("java.sql.Date", "Date"));

    private static final Map<String, String> OPTIONAL_PRIMITIVES = Map.of(
            "java.util.OptionalInt", "Int32", "java.util.OptionalLong", "Int64", "java.util.OptionalDouble", "Float64");

    private final ServerVersion version;
    private final Capabilities capabilities;
    private final ClassLookup lookup;

    public JavaTypeMapping(ServerVersion version, ClassLookup lookup) {
        this.version = version;
        this.capabilities = Capabilities.of(version);
        this.lookup = lookup;
    }

    public ServerVersion version() {
        return version;
    }

    /** The result of mapping one member: its type and whether the Java type itself made it nullable (Optional). */
    public record Mapped(ClickHouseType type, boolean optional) {
    }

    /**
     * Maps a member's Java type; {@code Optional<T>} maps to {@code T} with {@link Mapped#optional()} set (the caller
     * wraps it in Nullable with any other column annotations).
     *
     * @throws UnsupportedJavaTypeException with what to do instead
     */
    public Mapped map(JavaTypeRef type) {
        if (type instanceof JavaTypeRef.ClassRef c && c.className().equals("java.util.Optional")) {
            return new Mapped(mapRequired(argument(c, 0), List.of()), true);
        }
        if (type instanceof JavaTypeRef.ClassRef c && OPTIONAL_PRIMITIVES.containsKey(c.className())) {
            return new Mapped(ClickHouseType.parse(OPTIONAL_PRIMITIVES.get(c.className())), true);
        }
        return new Mapped(mapRequired(type, List.of()), false);
    }

    private ClickHouseType mapRequired(JavaTypeRef type, List<String> path) {
        if (type instanceof JavaTypeRef.Unresolvable u) {
            throw new UnsupportedJavaTypeException("the type '" + u.text() + "' is generic; declare a concrete type, "
                    + "or give the ClickHouse type with @Column(type = \"…\")");
        }
        if (type instanceof JavaTypeRef.Primitive p) {
            if (p.name().equals("boolean")) {
                return bool();
            }
            String mapped = FIXED.get(p.name());
            if (mapped == null) {
                throw new UnsupportedJavaTypeException("the Java type " + p.name() + " has no ClickHouse mapping; "
                        + "give the type with @Column(type = \"…\")");
            }
            return ClickHouseType.parse(mapped);
        }
        if (type instanceof JavaTypeRef.ArrayRef a) {
            if (a.component() instanceof JavaTypeRef.Primitive p && p.name().equals("byte")) {
                return ClickHouseType.parse("String");
            }
            return new ClickHouseType.Array(element(a.component(), path));
        }
        JavaTypeRef.ClassRef c = (JavaTypeRef.ClassRef) type;
        String name = c.className();
        if (name.equals("java.lang.Boolean")) {
            return bool();
        }
        String fixed = FIXED.get(name);
        if (fixed != null) {
            return ClickHouseType.parse(fixed);
        }
        if (name.equals("java.math.BigInteger")) {
            return require("Int256", "java.math.BigInteger");
        }
        if (name.equals("java.time.LocalDateTime")) {
            return has("DateTime64") ? ClickHouseType.parse("DateTime64(3)") : ClickHouseType.parse("DateTime");
        }
        if (INSTANTS.contains(name)) {
            return has("DateTime64") ? ClickHouseType.parse("DateTime64(3, 'UTC')") : ClickHouseType.parse("DateTime('UTC')");
        }
        if (name.equals("java.net.Inet4Address")) {
            return ClickHouseType.parse(has("IPv4") ? "IPv4" : "UInt32");
        }
        if (name.equals("java.net.Inet6Address") || name.equals("java.net.InetAddress")) {
            return ClickHouseType.parse(has("IPv6") ? "IPv6" : "FixedString(16)");
        }
        if (COLLECTIONS.contains(name)) {
            JavaTypeRef element = argument(c, 0);
            Optional<UserClass> record = userRecord(element);
            if (record.isPresent() && name.endsWith("List") && path.isEmpty()) {
                return nested(record.get(), path);
            }
            return new ClickHouseType.Array(element(element, path));
        }
        if (MAPS.contains(name)) {
            if (capabilities.typeFamilyNeeds("Map").isPresent()) {
                throw new UnsupportedJavaTypeException("Map needs ClickHouse " + capabilities.typeFamilyNeeds("Map").get()
                        + " or later and this project targets " + version + " (" + Fix.CLICKHOUSE_VERSION + "); "
                        + "declare it with @Column(type = \"Nested(key String, value …)\") or use a list of records");
            }
            return new ClickHouseType.Map(mapRequired(argument(c, 0), path), element(argument(c, 1), path));
        }
        if (name.equals("java.util.Optional") || OPTIONAL_PRIMITIVES.containsKey(name)) {
            throw new UnsupportedJavaTypeException("Optional is only supported for the member itself, not inside "
                    + "collections or maps; use @Column(type = \"Array(Nullable(…))\") for nullable elements");
        }
        if (name.startsWith("java.") || name.startsWith("javax.")) {
            throw new UnsupportedJavaTypeException("the Java type " + name + " has no ClickHouse mapping; give the "
                    + "ClickHouse type with @Column(type = \"…\") or leave the member out with @Ignore");
        }
        UserClass user = lookup.find(name).orElseThrow(() -> new UnsupportedJavaTypeException(
                "the class " + name + " was not found on the project's classpath, so its type cannot be mapped; "
                        + "give the ClickHouse type with @Column(type = \"…\")"));
        if (user.isEnum()) {
            return enumType(user);
        }
        return tuple(user, path);
    }

    /** Array and map elements: Optional elements are nullable. */
    private ClickHouseType element(JavaTypeRef element, List<String> path) {
        if (element instanceof JavaTypeRef.ClassRef c && c.className().equals("java.util.Optional")) {
            return new ClickHouseType.Nullable(mapRequired(argument(c, 0), path));
        }
        return mapRequired(element, path);
    }

    /** Whether the target release has a type family: the releases are known in one place, {@link Capabilities}. */
    private boolean has(String family) {
        return capabilities.typeFamilyNeeds(family).isEmpty();
    }

    private ClickHouseType bool() {
        return ClickHouseType.parse(has("Bool") ? "Bool" : "UInt8");
    }

    private ClickHouseType require(String type, String javaName) {
        Optional<ServerVersion> needs = capabilities.typeFamilyNeeds(type);
        if (needs.isPresent()) {
            throw new UnsupportedJavaTypeException(javaName + " maps to " + type + ", which needs ClickHouse " + needs.get()
                    + " or later; this project targets " + version + " (" + Fix.CLICKHOUSE_VERSION + "). Give another type with "
                    + "@Column(type = \"Decimal(38, 0)\")");
        }
        return ClickHouseType.parse(type);
    }

    private Optional<UserClass> userRecord(JavaTypeRef type) {
        if (type instanceof JavaTypeRef.ClassRef c && !c.className().startsWith("java.")) {
            return lookup.find(c.className()).filter(u -> !u.isEnum());
        }
        return Optional.empty();
    }

    private static ClickHouseType enumType(UserClass user) {
        List<ClickHouseType.EnumValue> values = new ArrayList<>();
        for (int i = 0; i < user.enumConstants().size(); i++) {
            values.add(new ClickHouseType.EnumValue(user.enumConstants().get(i), i + 1));
        }
        if (values.isEmpty()) {
            throw new UnsupportedJavaTypeException("the enum " + user.name() + " has no constants");
        }
        return new ClickHouseType.Enum(values.size() <= Byte.MAX_VALUE ? 8 : 16, values);
    }

    private ClickHouseType tuple(UserClass user, List<String> path) {
        return new ClickHouseType.Tuple(elements(user, path));
    }

    private ClickHouseType nested(UserClass user, List<String> path) {
        List<ClickHouseType.Element> fields = elements(user, path);
        for (ClickHouseType.Element f : fields) {
            if (f.type() instanceof ClickHouseType.Nested) {
                throw new UnsupportedJavaTypeException("a list of " + user.name() + " would be Nested inside Nested, which "
                        + "ClickHouse does not store; give the type with @Column(type = \"Array(Tuple(…))\")");
            }
        }
        return new ClickHouseType.Nested(fields);
    }

    private List<ClickHouseType.Element> elements(UserClass user, List<String> path) {
        if (path.contains(user.name())) {
            throw new UnsupportedJavaTypeException("the class " + user.name() + " refers to itself; a ClickHouse type "
                    + "cannot be recursive");
        }
        if (user.members().isEmpty()) {
            throw new UnsupportedJavaTypeException("the class " + user.name() + " has no fields to map to tuple elements");
        }
        List<String> deeper = new ArrayList<>(path);
        deeper.add(user.name());
        List<ClickHouseType.Element> elements = new ArrayList<>();
        for (JavaMember m : user.members()) {
            ClickHouseType t;
            boolean nullable = m.nullable();
            if (m.explicitType() != null) {
                t = ClickHouseType.parse(m.explicitType());
            } else {
                Mapped mapped = mapMember(m.type(), deeper);
                t = mapped.type();
                nullable |= mapped.optional();
            }
            elements.add(new ClickHouseType.Element(m.name(), wrap(t, nullable, m.lowCardinality())));
        }
        return elements;
    }

    private Mapped mapMember(JavaTypeRef type, List<String> path) {
        if (type instanceof JavaTypeRef.ClassRef c && c.className().equals("java.util.Optional")) {
            return new Mapped(mapRequired(argument(c, 0), path), true);
        }
        return new Mapped(mapRequired(type, path), false);
    }

    /**
     * Applies column wrappers: {@code Nullable} (unless already nullable) inside {@code LowCardinality}
     * (unless already low-cardinality).
     *
     * @throws UnsupportedJavaTypeException when ClickHouse does not allow the wrapper on this type
     */
    public static ClickHouseType wrap(ClickHouseType type, boolean nullable, boolean lowCardinality) {
        ClickHouseType t = type;
        if (nullable && !t.isNullable()) {
            if (t instanceof ClickHouseType.LowCardinality lc) {
                t = new ClickHouseType.LowCardinality(nullableOrExplain(lc.inner()));
            } else {
                t = nullableOrExplain(t);
            }
        }
        if (lowCardinality && !(t instanceof ClickHouseType.LowCardinality)) {
            try {
                t = new ClickHouseType.LowCardinality(t);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedJavaTypeException(t + " cannot be LowCardinality: " + e.getMessage());
            }
        }
        return t;
    }

    private static ClickHouseType nullableOrExplain(ClickHouseType t) {
        try {
            return new ClickHouseType.Nullable(t);
        } catch (IllegalArgumentException e) {
            String hint = t instanceof ClickHouseType.Array || t instanceof ClickHouseType.Nested || t instanceof ClickHouseType.Map
                    ? "; an empty " + t.family().toLowerCase(java.util.Locale.ROOT) + " stands for 'no values'"
                    : "";
            throw new UnsupportedJavaTypeException(t + " cannot be Nullable in ClickHouse (" + e.getMessage() + ")"
                    + hint + "; remove @Nullable/Optional");
        }
    }

    private static JavaTypeRef argument(JavaTypeRef.ClassRef c, int index) {
        if (c.typeArguments().size() <= index) {
            throw new UnsupportedJavaTypeException("the raw type " + c.className() + " has no element type; "
                    + "declare its type arguments (e.g. List<String>)");
        }
        return c.typeArguments().get(index);
    }
}
