package dev.moose.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.server.ClickHouseException;
import dev.moose.core.testing.ClickHouseExtension;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capability table is what the servers do: on each live server, every feature and type family the table says
 * it has runs, and every one it says arrived later is refused by the server itself.
 */
class CapabilitiesOnServerTest {

    /** A statement that needs exactly the feature, run against table {@code base}. */
    private static final Map<Feature, String> FEATURE_EXAMPLES = new LinkedHashMap<>();

    static {
        FEATURE_EXAMPLES.put(Feature.COLUMN_CODEC, "CREATE TABLE codec (x UInt64 CODEC(ZSTD(1))) ENGINE = MergeTree ORDER BY x");
        FEATURE_EXAMPLES.put(Feature.TTL, "CREATE TABLE ttl (d DateTime, x UInt64) ENGINE = MergeTree ORDER BY x TTL d + INTERVAL 1 DAY");
        FEATURE_EXAMPLES.put(Feature.MODIFY_TTL, "ALTER TABLE base MODIFY TTL d + INTERVAL 2 DAY");
        FEATURE_EXAMPLES.put(Feature.SKIPPING_INDEX, "ALTER TABLE base ADD INDEX ix x TYPE minmax GRANULARITY 1");
        FEATURE_EXAMPLES.put(Feature.MATERIALIZE_INDEX, "ALTER TABLE base MATERIALIZE INDEX ix");
        FEATURE_EXAMPLES.put(Feature.MODIFY_SETTING, "ALTER TABLE base MODIFY SETTING merge_with_ttl_timeout = 3600");
        FEATURE_EXAMPLES.put(Feature.MUTATIONS_SYNC, "ALTER TABLE base UPDATE z = z WHERE 1 SETTINGS mutations_sync = 1");
        FEATURE_EXAMPLES.put(Feature.RENAME_COLUMN, "ALTER TABLE base RENAME COLUMN z TO z2");
        FEATURE_EXAMPLES.put(Feature.DROP_VIEW, "DROP VIEW v");
        FEATURE_EXAMPLES.put(Feature.ADD_COLUMN_FIRST, "ALTER TABLE base ADD COLUMN first_one UInt8 FIRST");
        FEATURE_EXAMPLES.put(Feature.MODIFY_SAMPLE_BY, "ALTER TABLE sampled MODIFY SAMPLE BY x");
        FEATURE_EXAMPLES.put(Feature.REMOVE_COLUMN_PROPERTY, "ALTER TABLE base MODIFY COLUMN z REMOVE DEFAULT");
        FEATURE_EXAMPLES.put(Feature.REMOVE_TTL, "ALTER TABLE ttl REMOVE TTL");
        FEATURE_EXAMPLES.put(Feature.DROP_SYNC, "DROP TABLE dropped SYNC");
        FEATURE_EXAMPLES.put(Feature.PROJECTION, "ALTER TABLE base ADD PROJECTION p (SELECT x ORDER BY y)");
        FEATURE_EXAMPLES.put(Feature.TABLE_COMMENT, "CREATE TABLE commented (x UInt64) ENGINE = MergeTree ORDER BY x COMMENT 'c'");
        FEATURE_EXAMPLES.put(Feature.RESET_SETTING, "ALTER TABLE base RESET SETTING merge_with_ttl_timeout");
        FEATURE_EXAMPLES.put(Feature.REMOVE_SAMPLE_BY, "ALTER TABLE sampled REMOVE SAMPLE BY");
        FEATURE_EXAMPLES.put(Feature.MODIFY_COMMENT, "ALTER TABLE base MODIFY COMMENT 'table comment'");
        // needs a keeper: probed on the test cluster (ClusterTest.theKeeperPathArgumentsAre...), not on a lone server
        FEATURE_EXAMPLES.put(Feature.REPLICATED_DEFAULT_ARGUMENTS, null);
    }

    /** A column type of each family in the table. */
    private static final Map<String, String> TYPE_EXAMPLES = Map.ofEntries(
            Map.entry("LowCardinality", "LowCardinality(String)"), Map.entry("IPv4", "IPv4"), Map.entry("IPv6", "IPv6"),
            Map.entry("SimpleAggregateFunction", "SimpleAggregateFunction(sum, UInt64)"), Map.entry("DateTime64", "DateTime64(3)"),
            Map.entry("Point", "Point"), Map.entry("Ring", "Ring"), Map.entry("Polygon", "Polygon"),
            Map.entry("MultiPolygon", "MultiPolygon"), Map.entry("Int128", "Int128"), Map.entry("Int256", "Int256"),
            Map.entry("UInt256", "UInt256"), Map.entry("UInt128", "UInt128"), Map.entry("Map", "Map(String, UInt64)"),
            Map.entry("Date32", "Date32"), Map.entry("Bool", "Bool"), Map.entry("Object", "Object('json')"),
            Map.entry("LineString", "LineString"), Map.entry("MultiLineString", "MultiLineString"),
            Map.entry("Variant", "Variant(String, UInt64)"), Map.entry("Dynamic", "Dynamic"), Map.entry("JSON", "JSON"),
            Map.entry("BFloat16", "BFloat16"), Map.entry("Time", "Time"), Map.entry("Time64", "Time64(3)"),
            Map.entry("Geometry", "Geometry"));

    @ClickHouseTest
    void everyFeatureRunsWhereTheTableSaysAndIsRefusedBefore(TestDatabase db) {
        ServerVersion version = db.connection().version();
        Capabilities capabilities = Capabilities.of(version);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Feature, String> e : FEATURE_EXAMPLES.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (e.getKey() == Feature.DROP_SYNC && db.kind() == ClickHouseExtension.Kind.WASM) {
                continue; // the wasm engine waits forever for a SYNC drop; its front end refuses it (see testing.md)
            }
            db.execute("DROP TABLE IF EXISTS base", "DROP TABLE IF EXISTS sampled", "DROP TABLE IF EXISTS dropped");
            db.execute("CREATE TABLE base (d DateTime, x UInt64, y String, z UInt8 DEFAULT 1) ENGINE = MergeTree ORDER BY (x, y)",
                    "CREATE TABLE sampled (x UInt64) ENGINE = MergeTree ORDER BY x SAMPLE BY x",
                    "CREATE TABLE dropped (x UInt64) ENGINE = MergeTree ORDER BY x",
                    "CREATE VIEW IF NOT EXISTS v AS SELECT 1 AS one");
            if (e.getKey() == Feature.MATERIALIZE_INDEX && capabilities.has(Feature.SKIPPING_INDEX)) {
                db.execute(FEATURE_EXAMPLES.get(Feature.SKIPPING_INDEX));
            }
            if (e.getKey() == Feature.REMOVE_TTL && capabilities.has(Feature.TTL)) {
                db.execute("DROP TABLE IF EXISTS ttl", FEATURE_EXAMPLES.get(Feature.TTL));
            }
            boolean ran = runs(db, e.getValue());
            if (ran != capabilities.has(e.getKey())) {
                wrong.add(e.getKey() + " (since " + e.getKey().since() + "): the table says " + capabilities.has(e.getKey())
                        + ", the server " + (ran ? "ran" : "refused") + " " + e.getValue());
            }
            db.execute("DROP TABLE IF EXISTS ttl", "DROP TABLE IF EXISTS codec", "DROP TABLE IF EXISTS commented");
        }
        assertThat(wrong).as("ClickHouse %s", version).isEmpty();
        assertThat(FEATURE_EXAMPLES).containsOnlyKeys(Feature.values());
    }

    @ClickHouseTest
    void everyTypeFamilyIsCreatableWhereTheTableSaysAndRefusedBefore(TestDatabase db) {
        ServerVersion version = db.connection().version();
        Capabilities capabilities = Capabilities.of(version);
        List<String> wrong = new ArrayList<>();
        Capabilities.typeFamilies().keySet().forEach(family -> {
            String type = TYPE_EXAMPLES.get(family);
            boolean has = capabilities.typeFamilyNeeds(family).isEmpty() && capabilities.typeFamilyRemovedIn(family).isEmpty();
            boolean ran = runs(db, "CREATE TABLE t_" + family + " (id UInt64, c " + type + ") ENGINE = MergeTree ORDER BY id");
            if (ran != has) {
                wrong.add(family + " (" + type + "): the table says " + has + ", the server " + (ran ? "created it" : "refused it"));
            }
        });
        assertThat(wrong).as("ClickHouse %s", version).isEmpty();
        assertThat(TYPE_EXAMPLES).containsOnlyKeys(Capabilities.typeFamilies().keySet());
    }

    @ClickHouseTest
    void theReleaseNamedOfflineMeansWhatTheLiveServerHas(TestDatabase db) {
        // moose.clickhouseVersion=26.5 (or 18.16) without a server gives the same capabilities and type mapping
        ServerVersion live = db.connection().version();
        Capabilities online = Capabilities.of(live);
        Capabilities offline = Capabilities.of(ServerVersion.parse(live.majorMinor()));
        for (Feature f : Feature.values()) {
            assertThat(offline.has(f)).as("%s on %s", f, live).isEqualTo(online.has(f));
        }
        Capabilities.typeFamilies().keySet().forEach(family -> {
            assertThat(offline.typeFamilyNeeds(family)).as(family).isEqualTo(online.typeFamilyNeeds(family));
            assertThat(offline.typeFamilyRemovedIn(family)).as(family).isEqualTo(online.typeFamilyRemovedIn(family));
        });
        assertThat(offline.connectionSettings()).isEqualTo(online.connectionSettings());
        assertThat(dev.moose.core.scan.SchemaScanner.scan(dev.moose.core.api.GeneratorTest.fixtures(ServerVersion.parse(live.majorMinor()))).infraMap())
                .isEqualTo(dev.moose.core.scan.SchemaScanner.scan(dev.moose.core.api.GeneratorTest.fixtures(live)).infraMap());
    }

    private static boolean runs(TestDatabase db, String sql) {
        try {
            db.execute(sql);
            return true;
        } catch (ClickHouseException e) {
            if (e.kind() != ClickHouseException.Kind.SERVER_ERROR) {
                throw e;
            }
            return false;
        }
    }
}
