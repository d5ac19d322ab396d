package dev.moose.core.model;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.types.ClickHouseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When two model objects mean the same to ClickHouse: the comparison every check shares (the differ, drift checks,
 * plan validation), absorbing what the server rewrites and what cannot be read back.
 */
public final class Equivalence {

    /** Settings ClickHouse cannot change with ALTER: a change rebuilds the table. */
    public static final Set<String> READ_ONLY_SETTINGS = Set.of(
            "index_granularity", "index_granularity_bytes", "enable_mixed_granularity_parts",
            "add_minmax_index_for_numeric_columns", "add_minmax_index_for_string_columns", "table_disk");

    private static final String DEFAULT_REPLICA_PATH = "'/clickhouse/tables/{uuid}/{shard}'";
    private static final String DEFAULT_REPLICA_NAME = "'{replica}'";

    private Equivalence() {
    }

    public static boolean sameColumn(Column a, Column b) {
        return a.name().equals(b.name()) && a.type().equals(b.type()) && sameDefault(a.defaultValue(), b.defaultValue())
                && Objects.equals(a.comment(), b.comment()) && sameCodec(a.codec(), b.codec(), a.type())
                && Sql.sameExpression(a.ttl(), b.ttl());
    }

    public static boolean sameDefault(ColumnDefault a, ColumnDefault b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.kind() == b.kind() && Sql.sameExpression(a.expression(), b.expression());
    }

    /**
     * Codecs as the server prints them: {@code ZSTD} is {@code ZSTD(1)}, {@code LZ4HC} is {@code LZ4HC(9)},
     * {@code Delta}/{@code DoubleDelta}/{@code Gorilla} carry the type's byte size.
     */
    public static boolean sameCodec(String a, String b, ClickHouseType type) {
        return normalizeCodec(a, type).equals(normalizeCodec(b, type));
    }

    static String normalizeCodec(String codec, ClickHouseType type) {
        if (codec == null || codec.isBlank()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String part : Sql.splitTopLevel(codec)) {
            String p = part.strip();
            String upper = p.toUpperCase(Locale.ROOT);
            if (upper.equals("ZSTD")) {
                p = "ZSTD(1)";
            } else if (upper.equals("LZ4HC")) {
                p = "LZ4HC(9)";
            } else if ((p.equals("Delta") || p.equals("DoubleDelta") || p.equals("Gorilla")) && byteSize(type) > 0) {
                p = p + "(" + byteSize(type) + ")";
            }
            out.add(Sql.comparable(p));
        }
        return String.join(", ", out);
    }

    private static int byteSize(ClickHouseType type) {
        ClickHouseType t = type.withoutNullable();
        return switch (t.family()) {
            case "Int8", "UInt8" -> 1;
            case "Int16", "UInt16", "Date" -> 2;
            case "Int32", "UInt32", "Float32", "DateTime", "Date32" -> 4;
            case "Int64", "UInt64", "Float64", "DateTime64" -> 8;
            default -> 0;
        };
    }

    /**
     * Engines are the same when their names and arguments are, with {@code '[HIDDEN]'} matching any credential and
     * default replication arguments left out (a Replicated engine declared without a keeper path matches any). ClickHouse Cloud's {@code SharedX} (as read back) is the same as the
     * {@code X} or {@code ReplicatedX} the code declares, since Cloud turns those into it.
     */
    public static boolean sameEngine(TableEngine code, TableEngine remote) {
        TableEngine a = withoutDefaultReplication(code);
        TableEngine b = withoutDefaultReplication(remote);
        if (a.isReplicated() && b.isReplicated() && (!a.hasKeeperArguments() || !b.hasKeeperArguments())) {
            // a side that names no keeper path takes whichever the server chose (its default, or the one for its version)
            a = a.withoutKeeperArguments();
            b = b.withoutKeeperArguments();
        }
        if (b.isShared() || a.isShared()) {
            // Cloud chooses the keeper path of a Shared table itself
            return a.baseName().equals(b.baseName())
                    && sameArguments(a.withoutKeeperArguments().arguments(), b.withoutKeeperArguments().arguments());
        }
        return a.name().equals(b.name()) && sameArguments(a.arguments(), b.arguments());
    }

    private static TableEngine withoutDefaultReplication(TableEngine e) {
        List<String> args = e.arguments();
        if (e.isReplicated() && args.size() >= 2 && args.get(0).equals(DEFAULT_REPLICA_PATH) && args.get(1).equals(DEFAULT_REPLICA_NAME)) {
            return new TableEngine(e.name(), args.subList(2, args.size()));
        }
        return e;
    }

    private static boolean sameArguments(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals(ModelTree.HIDDEN) || b.get(i).equals(ModelTree.HIDDEN)) {
                continue;
            }
            if (!Sql.sameExpression(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    public static boolean sameKey(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Sql.sameExpression(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Settings compared by value, a credential shown as {@code '[HIDDEN]'} matching any value. */
    public static boolean sameSettings(Map<String, String> a, Map<String, String> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, String> e : a.entrySet()) {
            String other = b.get(e.getKey());
            if (e.getValue().equals(ModelTree.HIDDEN) || other.equals(ModelTree.HIDDEN)) {
                continue;
            }
            if (!Sql.sameExpression(e.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    public static boolean sameIndex(TableIndex a, TableIndex b) {
        return a.name().equals(b.name()) && Sql.sameExpression(a.expression(), b.expression())
                && Sql.sameExpression(a.type(), b.type()) && a.granularity() == b.granularity();
    }

    public static boolean sameProjection(TableProjection a, TableProjection b) {
        return a.name().equals(b.name()) && Sql.sameExpression(a.query(), b.query());
    }

    /** SELECTs of views compared as ClickHouse stores them (keyword case, spacing, backticks). */
    public static boolean sameSelect(String a, String b) {
        return Sql.sameExpression(a, b);
    }

    /** What differs between two versions of a column, for people: {@code String -> LowCardinality(String), TTL …}. */
    public static String describeChange(Column a, Column b) {
        List<String> parts = new java.util.ArrayList<>();
        if (!a.type().equals(b.type())) {
            parts.add(a.type() + " -> " + b.type());
        }
        if (!sameDefault(a.defaultValue(), b.defaultValue())) {
            parts.add((a.defaultValue() == null ? "no default" : a.defaultValue().render()) + " -> "
                    + (b.defaultValue() == null ? "no default" : b.defaultValue().render()));
        }
        if (!java.util.Objects.equals(a.comment(), b.comment())) {
            parts.add("comment '" + a.comment() + "' -> '" + b.comment() + "'");
        }
        if (!sameCodec(a.codec(), b.codec(), b.type())) {
            parts.add("codec " + a.codec() + " -> " + b.codec());
        }
        if (!Sql.sameExpression(a.ttl(), b.ttl())) {
            parts.add("TTL " + a.ttl() + " -> " + b.ttl());
        }
        return String.join(", ", parts);
    }
}
