package dev.moose.core.internal.introspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.moose.core.internal.bookkeeping.StateRegistry;
import dev.moose.core.internal.diff.Differ;
import dev.moose.core.internal.diff.Differences;
import dev.moose.core.internal.execute.PlanApplier;
import dev.moose.core.model.InfraMap;
import dev.moose.core.scan.DeclarationException;
import dev.moose.core.scan.ScanRequest;
import dev.moose.core.scan.SchemaScanner;
import dev.moose.core.testing.ClickHouseTest;
import dev.moose.core.testing.TestClasses;
import dev.moose.core.testing.TestDatabase;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.ServerVersion;
import java.util.Set;

/**
 * Every type the mapping produces or accepts, and table and column TTL, codecs, a skip index, a projection and
 * comments, created from code, read back and diffed empty on a current server; on 18.16 the scan refuses what it
 * lacks, naming each and the release it needs, before anything runs.
 */
class EveryTypeRoundTripTest {

    private static ScanRequest request(ServerVersion version) {
        return TestClasses.scan("dev.moose.core.internal.introspect.current", version);
    }

    @ClickHouseTest
    void everyTypeIsCreatedReadBackAndDiffedEmpty(TestDatabase db) {
        ServerVersion version = db.connection().version();
        if (!version.atLeast(24, 11)) {
            DeclarationException e = catchThrowableOfType(DeclarationException.class, () -> SchemaScanner.scan(request(version)));
            assertThat(e.getMessage()).contains("EveryType.counters: Map needs ClickHouse 21.1",
                    "EveryType.wideDay: the type Date32 cannot be used: Date32 needs ClickHouse 21.9",
                    "JSON needs ClickHouse 24.8", "Variant needs ClickHouse 24.1", "Dynamic needs ClickHouse 24.5",
                    "DateTime64 needs ClickHouse 20.1", "BFloat16 needs ClickHouse 24.11");
            assertThat(db.tables()).isEmpty();
        } else {
            createdReadBackAndDiffedEmpty(db, version);
        }
    }

    private static void createdReadBackAndDiffedEmpty(TestDatabase db, ServerVersion version) {
        var connection = db.connection();
        InfraMap code = SchemaScanner.scan(request(version)).infraMap();
        assertThat(code.tables()).containsKeys("every_type", "pageviews");
        assertThat(code.tables().get("every_type").columns()).hasSize(23);
        Capabilities capabilities = Capabilities.of(version);
        Differ.Result first = Differ.diff(InfraMap.empty(), code, Differ.Options.of(capabilities, Set.of(db.name()), InfraMap.empty()));
        PlanApplier.apply(connection, first.operations(), InfraMap.empty());
        StateRegistry.of(code).store(connection, StateRegistry.empty());

        RemoteSchema remote = Introspector.introspect(connection, Set.of());
        assertThat(remote.unreadable()).isEmpty();
        InfraMap live = remote.relevantTo(code);
        assertThat(Differences.between(code, live, true)).isEmpty();
        assertThat(Differ.diff(live, code, Differ.Options.of(capabilities, remote.databases(), live)).operations()).isEmpty();
        assertThat(db.columns()).contains("every_type.flag Bool", "every_type.at DateTime64(3, 'UTC')",
                "every_type.wideDay Date32", "every_type.counters Map(String, Int64)", "every_type.document JSON",
                "every_type.either Variant(String, UInt64)", "every_type.anything Dynamic", "every_type.ip4 IPv4",
                "every_type.ip6 IPv6", "every_type.uuid UUID", "every_type.status Enum8('ACTIVE' = 1, 'PAUSED' = 2, 'CLOSED' = 3)",
                "every_type.maybeLabel LowCardinality(Nullable(String))", "every_type.address Tuple(street String, city String)",
                "every_type.visitors AggregateFunction(uniq, UInt64)", "every_type.total SimpleAggregateFunction(sum, UInt64)");
        String pageviews = connection.queryString("SELECT create_table_query FROM system.tables WHERE database = '" + db.name()
                + "' AND name = 'pageviews'").orElseThrow();
        assertThat(pageviews).contains("CODEC(ZSTD(3))", "COMMENT 'the raw query string'", "TTL toDateTime(ts) + toIntervalDay(7)",
                "INDEX by_user user_id TYPE bloom_filter(0.01) GRANULARITY 4", "PROJECTION by_user_ts",
                "TTL toDateTime(ts) + toIntervalDay(90)", "COMMENT 'page views, kept 90 days'", "CODEC(Delta(8), LZ4)");
    }
}
