package dev.moose.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestDatabase;
import dev.moose.core.version.ServerVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The canonical text of every type this server has equals what the server itself prints in system.columns. */
class TypesOnServerTest {

    /** Declarations as a user might write them; the server's version decides which can be created. */
    private static final List<String> DECLARED = List.of(
            "UInt8", "UInt16", "UInt32", "UInt64", "Int8", "Int16", "Int32", "Int64", "Float32", "Float64",
            "String", "FixedString(3)", "UUID", "Date", "DateTime", "DateTime('UTC')", "DateTime('Europe/Berlin')",
            "Decimal(18, 4)", "Decimal32(2)", "Decimal64(6)", "Decimal128(10)", "Decimal(9,2)",
            "Enum8('b' = 2, 'a' = 1)", "Enum8('it\\'s' = 1, 'x' = 2)", "Enum16('big' = 1000, 'small' = -5)",
            "Array(String)", "Array(Array(UInt8))", "Array(Nullable(Int32))", "Array(LowCardinality(String))",
            "Nullable(String)", "Nullable(Decimal(9, 2))", "Nullable(DateTime('UTC'))",
            "LowCardinality(String)", "LowCardinality(Nullable(String))", "LowCardinality(FixedString(2))",
            "Tuple(String, UInt8)", "Tuple(a String, b UInt8)", "Tuple(inner Tuple(x Float64, y Float64), label String)",
            "AggregateFunction(uniq, UInt64)", "AggregateFunction(quantiles(0.5, 0.90), UInt64)",
            "AggregateFunction(argMax, String, DateTime)", "AggregateFunction(sumMap, Array(UInt8), Array(UInt64))",
            "SimpleAggregateFunction(sum, UInt64)", "IPv4", "IPv6", "DateTime64(3)", "DateTime64(3, 'UTC')",
            "Map(String, UInt64)", "Date32", "Bool", "Int128", "UInt256", "Decimal256(20)",
            "TINYINT", "DOUBLE", "BOOLEAN");

    @ClickHouseTest
    void canonicalTextEqualsWhatTheServerPrints(TestDatabase db) {
        ServerVersion version = db.connection().version();
        Map<String, String> columns = new LinkedHashMap<>();
        List<String> definitions = new ArrayList<>();
        definitions.add("`id` UInt64");
        int i = 0;
        for (String declared : DECLARED) {
            ClickHouseType type = ClickHouseType.parse(declared);
            if (TypeAvailability.problem(type, version).isPresent()) {
                continue;
            }
            String name = "c" + i++;
            columns.put(name, type.toString());
            definitions.add(Sql.quoteIdentifier(name) + " " + declared);
        }
        db.execute("CREATE TABLE types (" + String.join(", ", definitions) + ") ENGINE = MergeTree ORDER BY id");
        Map<String, String> printed = new LinkedHashMap<>();
        db.connection().query("SELECT name, type FROM system.columns WHERE database = '" + db.name()
                + "' AND table = 'types' AND name != 'id'", rs -> printed.put(rs.getString(1), rs.getString(2)));
        // equal as types; the texts may differ only by a state version the server adds (AggregateFunction(1, sumMap, …))
        Map<String, ClickHouseType> printedTypes = new LinkedHashMap<>();
        printed.forEach((name, text) -> printedTypes.put(name, ClickHouseType.parse(text)));
        Map<String, ClickHouseType> declaredTypes = new LinkedHashMap<>();
        columns.forEach((name, text) -> declaredTypes.put(name, ClickHouseType.parse(text)));
        assertThat(printedTypes).isEqualTo(declaredTypes);
        printed.forEach((name, text) -> assertThat(text.replaceFirst("^AggregateFunction\\(\\d+, ", "AggregateFunction("))
                .as(name).isEqualTo(columns.get(name)));
        printed.values().forEach(t -> assertThat(ClickHouseType.parse(t).toString()).isEqualTo(t));
        assertThat(columns).as("the server ran a meaningful share of the list").hasSizeGreaterThan(40);
    }
}
