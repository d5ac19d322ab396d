package dev.moose.core.types;

import java.util.List;
import java.util.Map;

/** Which column type changes keep every existing value (so a plan need not warn about them). */
public final class TypeChanges {

    private static final Map<String, Integer> SIGNED = Map.of("Int8", 8, "Int16", 16, "Int32", 32, "Int64", 64, "Int128", 128, "Int256", 256);
    private static final Map<String, Integer> UNSIGNED = Map.of("UInt8", 8, "UInt16", 16, "UInt32", 32, "UInt64", 64, "UInt128", 128, "UInt256", 256);

    private TypeChanges() {
    }

    /**
     * True when every value of {@code from} converts to {@code to} without loss: adding Nullable or LowCardinality,
     * wider integers, Float32 → Float64, more Decimal digits at the same or larger scale, more enum members with the
     * same values, String ↔ LowCardinality(String).
     */
    public static boolean isWidening(ClickHouseType from, ClickHouseType to) {
        if (from.equals(to)) {
            return true;
        }
        if (to instanceof ClickHouseType.Nullable n) {
            return isWidening(from.withoutNullable(), n.inner());
        }
        if (from instanceof ClickHouseType.Nullable) {
            return false;
        }
        if (to instanceof ClickHouseType.LowCardinality lc) {
            return isWidening(from instanceof ClickHouseType.LowCardinality f ? f.inner() : from, lc.inner());
        }
        if (from instanceof ClickHouseType.LowCardinality lc) {
            return isWidening(lc.inner(), to);
        }
        String f = from.family();
        String t = to.family();
        if (SIGNED.containsKey(t) && SIGNED.containsKey(f)) {
            return SIGNED.get(t) >= SIGNED.get(f);
        }
        if (SIGNED.containsKey(t) && UNSIGNED.containsKey(f)) {
            return SIGNED.get(t) > UNSIGNED.get(f);
        }
        if (UNSIGNED.containsKey(t) && UNSIGNED.containsKey(f)) {
            return UNSIGNED.get(t) >= UNSIGNED.get(f);
        }
        if (f.equals("Float32") && t.equals("Float64")) {
            return true;
        }
        if ((SIGNED.containsKey(f) && SIGNED.get(f) <= 16 || UNSIGNED.containsKey(f) && UNSIGNED.get(f) <= 16)
                && (t.equals("Float32") || t.equals("Float64"))) {
            return true;
        }
        if ((SIGNED.containsKey(f) && SIGNED.get(f) <= 32 || UNSIGNED.containsKey(f) && UNSIGNED.get(f) <= 32) && t.equals("Float64")) {
            return true;
        }
        if (from instanceof ClickHouseType.Decimal a && to instanceof ClickHouseType.Decimal b) {
            return b.scale() >= a.scale() && b.precision() - b.scale() >= a.precision() - a.scale();
        }
        if (from instanceof ClickHouseType.Enum a && to instanceof ClickHouseType.Enum b) {
            return b.bits() >= a.bits() && b.values().containsAll(a.values());
        }
        if (from instanceof ClickHouseType.FixedString && t.equals("String")) {
            return true;
        }
        if (from instanceof ClickHouseType.Array a && to instanceof ClickHouseType.Array b) {
            return isWidening(a.element(), b.element());
        }
        if (f.equals("Date") && (t.equals("Date32") || t.equals("DateTime") || t.equals("DateTime64"))) {
            return true;
        }
        if (from instanceof ClickHouseType.DateTime a && to instanceof ClickHouseType.DateTime64 b) {
            return java.util.Objects.equals(a.timezone(), b.timezone());
        }
        if (from instanceof ClickHouseType.DateTime64 a && to instanceof ClickHouseType.DateTime64 b) {
            return b.precision() >= a.precision() && java.util.Objects.equals(a.timezone(), b.timezone());
        }
        return from instanceof ClickHouseType.Tuple a && to instanceof ClickHouseType.Tuple b && a.elements().size() == b.elements().size()
                && allWidening(a.elements(), b.elements());
    }

    private static boolean allWidening(List<ClickHouseType.Element> a, List<ClickHouseType.Element> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Objects.equals(a.get(i).name(), b.get(i).name()) || !isWidening(a.get(i).type(), b.get(i).type())) {
                return false;
            }
        }
        return true;
    }
}
