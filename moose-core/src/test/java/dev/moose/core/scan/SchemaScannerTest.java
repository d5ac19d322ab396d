package dev.moose.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.moose.core.model.Column;
import dev.moose.core.model.ColumnDefault;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.LifeCycle;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.Table;
import dev.moose.core.version.ServerVersion;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaScannerTest {

    private static final ServerVersion CURRENT = ServerVersion.parse("25.8");
    private static final ServerVersion OLD = ServerVersion.parse("18.16");
    private static final String FIXTURES = "dev.moose.core.scan.fixtures.";

    static Path testClasses() {
        try {
            return Path.of(SchemaScannerTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InfraMap scan(String pkg, ServerVersion version) {
        return SchemaScanner.scan(new ScanRequest(List.of(testClasses()), List.of(), List.of(FIXTURES + pkg), version)).infraMap();
    }

    private static Map<String, String> types(Table t) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Column c : t.columns()) {
            m.put(c.name(), c.type().toString());
        }
        return m;
    }

    @Test
    void readsEveryColumnAnnotation() {
        Table t = scan("valid", CURRENT).tables().get("page_view");
        assertThat(t.columnNames()).containsExactly("user_id", "ts", "country", "referrer", "campaign", "url", "received",
                "day", "country_upper", "body", "ip_raw", "duration", "status", "session_id", "device", "jspecify_nullable");
        Map<String, String> types = types(t);
        assertThat(types).containsEntry("user_id", "String")
                .containsEntry("ts", "DateTime64(3, 'UTC')")
                .containsEntry("country", "LowCardinality(String)")
                .containsEntry("referrer", "Nullable(String)")
                .containsEntry("campaign", "Nullable(String)")
                .containsEntry("status", "UInt16")
                .containsEntry("device", "LowCardinality(Nullable(String))")
                .containsEntry("jspecify_nullable", "Nullable(String)");
        assertThat(t.column("received").orElseThrow().defaultValue()).isEqualTo(ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "now()"));
        assertThat(t.column("day").orElseThrow().defaultValue()).isEqualTo(ColumnDefault.of(ColumnDefault.Kind.MATERIALIZED, "toDate(ts)"));
        assertThat(t.column("country_upper").orElseThrow().defaultValue()).isEqualTo(ColumnDefault.of(ColumnDefault.Kind.ALIAS, "upper(country)"));
        assertThat(t.column("body").orElseThrow().codec()).isEqualTo("ZSTD(3)");
        assertThat(t.column("ip_raw").orElseThrow().ttl()).isEqualTo("ts + INTERVAL 7 DAY");
        assertThat(t.column("duration").orElseThrow().comment()).isEqualTo("seconds on page");
        assertThat(t.column("session_id").orElseThrow().renamedFrom()).isEqualTo("session");
        assertThat(t.column("debug")).isEmpty();
    }

    @Test
    void readsEveryTableAnnotation() {
        Table t = scan("valid", CURRENT).tables().get("page_view");
        assertThat(t.orderBy()).containsExactly("user_id", "ts");
        assertThat(t.partitionBy()).isEqualTo("toYYYYMM(ts)");
        assertThat(t.ttl()).isEqualTo("ts + INTERVAL 90 DAY");
        assertThat(t.comment()).isEqualTo("Page views");
        assertThat(t.settings()).containsExactly(Map.entry("index_granularity", "4096"), Map.entry("storage_policy", "'default'"));
        assertThat(t.lifeCycle()).isEqualTo(LifeCycle.DELETION_PROTECTED);
        assertThat(t.indexes()).extracting(i -> i.definition()).containsExactly(
                "INDEX `idx_url` url TYPE bloom_filter(0.01) GRANULARITY 4", "INDEX `idx_status` status TYPE minmax GRANULARITY 1");
        assertThat(t.projections()).extracting(p -> p.definition())
                .containsExactly("PROJECTION `by_country` (SELECT country, count() GROUP BY country)");
        assertThat(t.engine().render()).isEqualTo("MergeTree");
    }

    @Test
    void mapsEveryJavaTypeForCurrentClickHouse() {
        Map<String, String> t = types(scan("types", CURRENT).tables().get("all_types"));
        assertThat(t).containsExactlyEntriesOf(expectedCurrentTypes());
    }

    static Map<String, String> expectedCurrentTypes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", "Int64");
        m.put("i", "Int32");
        m.put("s", "Int16");
        m.put("b", "Int8");
        m.put("f", "Float32");
        m.put("d", "Float64");
        m.put("bool", "Bool");
        m.put("boxedLong", "Int64");
        m.put("boxedInt", "Int32");
        m.put("boxedShort", "Int16");
        m.put("boxedByte", "Int8");
        m.put("boxedFloat", "Float32");
        m.put("boxedDouble", "Float64");
        m.put("boxedBool", "Bool");
        m.put("str", "String");
        m.put("chars", "String");
        m.put("bytes", "String");
        m.put("dec", "Decimal(38, 9)");
        m.put("big", "Int256");
        m.put("uuid", "UUID");
        m.put("date", "Date");
        m.put("sqlDate", "Date");
        m.put("localDateTime", "DateTime64(3)");
        m.put("instant", "DateTime64(3, 'UTC')");
        m.put("offsetDateTime", "DateTime64(3, 'UTC')");
        m.put("zonedDateTime", "DateTime64(3, 'UTC')");
        m.put("utilDate", "DateTime64(3, 'UTC')");
        m.put("timestamp", "DateTime64(3, 'UTC')");
        m.put("ip4", "IPv4");
        m.put("ip6", "IPv6");
        m.put("ip", "IPv6");
        m.put("status", "Enum8('NEW' = 1, 'ACTIVE' = 2, 'CLOSED' = 3)");
        m.put("list", "Array(String)");
        m.put("set", "Array(Int64)");
        m.put("collection", "Array(Int32)");
        m.put("ints", "Array(Int32)");
        m.put("matrix", "Array(Array(String))");
        m.put("map", "Map(String, Int64)");
        m.put("mapOfLists", "Map(String, Array(String))");
        m.put("opt", "Nullable(Int32)");
        m.put("optLong", "Nullable(Int64)");
        m.put("optInt", "Nullable(Int32)");
        m.put("optDouble", "Nullable(Float64)");
        m.put("nullableElements", "Array(Nullable(String))");
        m.put("address", "Tuple(street String, city LowCardinality(String), zip Nullable(String))");
        m.put("items", "Nested(sku String, quantity Int32, price Decimal(38, 9))");
        m.put("addresses", "Array(Tuple(street String, city LowCardinality(String), zip Nullable(String)))");
        return m;
    }

    @Test
    void lowersDefaultsForAnOlderServer() {
        InfraMap old = SchemaScanner.scan(new ScanRequest(List.of(testClasses()), List.of(),
                List.of(FIXTURES + "valid"), OLD)).infraMap();
        Map<String, String> t = types(old.tables().get("page_view"));
        assertThat(t).containsEntry("ts", "DateTime('UTC')").containsEntry("received", "DateTime('UTC')");
        Table customers = old.tables().get("crm.customers");
        assertThat(types(customers)).containsEntry("createdAt", "DateTime('UTC')");
        DeclarationException e = catchThrowableOfType(DeclarationException.class, () -> scan("types", OLD));
        assertThat(e.errors()).extracting(DeclarationError::location).containsExactly(
                FIXTURES + "types.AllTypes.big", FIXTURES + "types.AllTypes.map", FIXTURES + "types.AllTypes.mapOfLists");
        assertThat(e.getMessage()).contains("BigInteger maps to Int256, which needs ClickHouse 20.8 or later");
    }

    @Test
    void lowersOnlyWhatTheTargetReleaseLacks() {
        // 21.1 has Map, Int256 and DateTime64 but not Bool (21.12).
        InfraMap v211 = SchemaScanner.scan(new ScanRequest(List.of(testClasses()), List.of(), List.of(FIXTURES + "types"),
                ServerVersion.parse("21.1"))).infraMap();
        Map<String, String> expected = expectedCurrentTypes();
        expected.put("bool", "UInt8");
        expected.put("boxedBool", "UInt8");
        assertThat(types(v211.tables().get("all_types"))).containsExactlyEntriesOf(expected);
    }

    @Test
    void rejectsTypesAnOlderServerLacks() {
        DeclarationException e = catchThrowableOfType(DeclarationException.class, () -> scan("modern", OLD));
        assertThat(e.errors()).extracting(DeclarationError::location).containsExactly(
                FIXTURES + "modern.ModernTypes.counters",
                FIXTURES + "modern.ModernTypes.precise",
                FIXTURES + "modern.ModernTypes.wideDate");
        assertThat(e.getMessage())
                .contains("Map needs ClickHouse 21.1 or later and this project targets 18.16 (ScanRequest.clickhouseVersion)")
                .contains("DateTime64 needs ClickHouse 20.1 or later")
                .contains("Date32 needs ClickHouse 21.9 or later");
        // Booleans and instants were lowered, not refused.
        Map<String, String> modern = types(scan("modern", CURRENT).tables().get("modern_types"));
        assertThat(modern).containsEntry("flag", "Bool").containsEntry("at", "DateTime64(3, 'UTC')")
                .containsEntry("local", "DateTime64(3)").containsEntry("counters", "Map(String, Int64)");
    }

    @Test
    void plainClassesWithInheritanceAndEngineArguments() {
        Table c = scan("valid", CURRENT).tables().get("crm.customers");
        assertThat(c.database()).isEqualTo("crm");
        assertThat(c.columnNames()).containsExactly("id", "createdAt", "name", "version", "email");
        assertThat(c.orderBy()).containsExactly("id");
        assertThat(c.engine().render()).isEqualTo("ReplacingMergeTree(version)");
        assertThat(c.cluster()).isEqualTo("main");
        assertThat(types(c)).containsEntry("email", "Nullable(String)");
    }

    @Test
    void namesDefaultToSnakeCaseAndEnginesWithoutKeys() {
        InfraMap map = scan("valid", CURRENT);
        assertThat(map.tables().keySet()).containsExactly("crm.customers", "daily_views", "http_request_log", "page_view");
        Table log = map.tables().get("http_request_log");
        assertThat(log.engine().render()).isEqualTo("Memory");
        assertThat(log.orderBy()).isEmpty();
        assertThat(SchemaScanner.snakeCase("PageView")).isEqualTo("page_view");
        assertThat(SchemaScanner.snakeCase("S3Event")).isEqualTo("s3_event");
        assertThat(SchemaScanner.snakeCase("Event2024")).isEqualTo("event2024");
        assertThat(SchemaScanner.snakeCase("already_snake")).isEqualTo("already_snake");
    }

    @Test
    void readsViewsMaterializedViewsAndSqlResources() {
        InfraMap map = scan("valid", CURRENT);
        assertThat(map.materializedViews().keySet()).containsExactly("daily_views_backup_mv", "daily_views_mv");
        MaterializedView mv = map.materializedViews().get("daily_views_mv");
        assertThat(mv.targetTable()).isEqualTo("daily_views");
        assertThat(mv.select()).isEqualTo("SELECT toDate(ts) AS day, count() AS views FROM page_view GROUP BY day");
        assertThat(map.views().keySet()).containsExactly("recent_views", "top_pages");
        assertThat(map.sqlResources().get("country_names").setup()).hasSize(2);
        assertThat(map.sqlResources().get("country_names").teardown()).containsExactly("DROP TABLE IF EXISTS country_names");
        assertThat(map.sqlResources().get("country_names").dependsOn()).containsExactly("page_view");
    }

    @Test
    void reportsEveryDeclarationErrorTogetherWithClassMemberAndFix() {
        DeclarationException e = catchThrowableOfType(DeclarationException.class, () -> scan("errors", CURRENT));
        String p = FIXTURES + "errors.";
        assertThat(e.errors()).extracting(DeclarationError::toString).satisfiesExactlyInAnyOrder(
                x -> assertThat(x).startsWith(p + "BadTypeText.tags: @Column(type = \"Array(Strin)\") is not a ClickHouse type: unknown type 'Strin' at position 7"),
                x -> assertThat(x).startsWith(p + "CollapsingWithoutSign: engine CollapsingMergeTree needs at least 1 argument in engineArgs"),
                x -> assertThat(x).startsWith(p + "DefaultAndAlias.label: @Default and @Alias on one column").contains("keep one"),
                x -> assertThat(x).startsWith(p + "Duplicate2: 'dup' is declared twice: as a table here and as a "
                        + p + "Duplicate1 table; give one of them another name"),
                x -> assertThat(x).startsWith(p + "EngineArgNotAColumn: engine ReplacingMergeTree(ver) refers to 'ver', which is not a column (columns: id, version)"),
                x -> assertThat(x).startsWith(p + "GenericMember.payload: the type 'T' is generic"),
                x -> assertThat(x).startsWith(p + "LiteralPassword: setting 'kafka_sasl_password' holds a literal credential").contains("${env:"),
                x -> assertThat(x).startsWith(p + "MvOnPlainClass: @MaterializedView is on a class that is not an @OlapTable"),
                x -> assertThat(x).startsWith(p + "MvWithoutSelect: @MaterializedView 'empty_mv' has no select; give the SELECT whose rows go into table 'mv_without_select'"),
                x -> assertThat(x).startsWith(p + "NoColumns: @OlapTable 'no_columns' has no columns"),
                x -> assertThat(x).startsWith(p + "NullableKey.code: column 'code' is Nullable and part of the sorting key").contains("remove @Nullable"),
                x -> assertThat(x).startsWith(p + "NullableList.tags: Array(String) cannot be Nullable").contains("remove @Nullable"),
                x -> assertThat(x).startsWith(p + "PrimaryKeyNotPrefix: table 'primary_key_not_prefix': the primary key b must be a prefix of the sorting key (a, b)"),
                x -> assertThat(x).startsWith(p + "SampleNotInKey: sampleBy 'intHash32(user)' must be part of the primary key id"),
                x -> assertThat(x).startsWith(p + "UnknownKey: orderBy refers to 'missing', which is not a column (columns: id)"),
                x -> assertThat(x).startsWith(p + "UnsupportedJava.worker: the Java type java.lang.Thread has no ClickHouse mapping").contains("@Ignore"),
                x -> assertThat(x).startsWith(p + "ViewClash: 'dup' is declared twice: as a view here and as a " + p + "Duplicate1 table"));
        assertThat(e.getMessage()).startsWith("17 declaration errors in the annotated classes:");
    }

    @Test
    void scanningIsDeterministic() {
        InfraMap a = scan("valid", CURRENT);
        InfraMap b = scan("valid", CURRENT);
        assertThat(a).isEqualTo(b);
        assertThat(dev.moose.core.model.InfraMapJson.write(a)).isEqualTo(dev.moose.core.model.InfraMapJson.write(b));
    }
}
