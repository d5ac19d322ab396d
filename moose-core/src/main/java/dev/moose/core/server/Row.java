package dev.moose.core.server;

import java.util.List;

/**
 * One row of a query's answer, its values as the server printed them (ClickHouse's text form). Columns are
 * numbered from 1, as in JDBC. A NULL is {@code null} from {@link #getString}; the numeric getters refuse it
 * (and text that is not a number) with an exception naming the column, instead of inventing a 0.
 */
public final class Row {

    private final List<String> names;
    private final List<String> types;
    private final String[] values;

    Row(List<String> names, List<String> types, String[] values) {
        this.names = names;
        this.types = types;
        this.values = values;
    }

    /** The number of columns. */
    public int size() {
        return values.length;
    }

    /** The value of column {@code index} (from 1), {@code null} for NULL. */
    public String getString(int index) {
        return values[checked(index)];
    }

    /** The value of the column named {@code name}, {@code null} for NULL. */
    public String getString(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in the answer; it has " + names);
        }
        return values[i];
    }

    public boolean isNull(int index) {
        return values[checked(index)] == null;
    }

    public long getLong(int index) {
        String v = notNull(index);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            // UInt64 above Long.MAX_VALUE keeps its bits, as JDBC drivers do
            try {
                return Long.parseUnsignedLong(v);
            } catch (NumberFormatException again) {
                throw notA("an integer", index, v);
            }
        }
    }

    public int getInt(int index) {
        long v = getLong(index);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw notA("a 32-bit integer", index, Long.toString(v));
        }
        return (int) v;
    }

    public double getDouble(int index) {
        String v = notNull(index);
        try {
            return switch (v) {
                case "inf", "+inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                case "nan", "-nan", "+nan" -> Double.NaN;
                default -> Double.parseDouble(v);
            };
        } catch (NumberFormatException e) {
            throw notA("a number", index, v);
        }
    }

    private String notNull(int index) {
        String v = values[checked(index)];
        if (v == null) {
            throw new IllegalStateException("column " + describe(index) + " is NULL where a value was expected");
        }
        return v;
    }

    private int checked(int index) {
        if (index < 1 || index > values.length) {
            throw new IndexOutOfBoundsException("column " + index + " of an answer with " + values.length + " columns");
        }
        return index - 1;
    }

    private IllegalStateException notA(String what, int index, String value) {
        return new IllegalStateException("column " + describe(index) + " holds '" + value + "', not " + what);
    }

    private String describe(int index) {
        return index + " (" + names.get(index - 1) + " " + types.get(index - 1) + ")";
    }

    @Override
    public String toString() {
        return String.join("\t", java.util.Arrays.stream(values).map(v -> v == null ? "\\N" : v).toList());
    }
}
