package dev.moose.annotations;

/**
 * ClickHouse table engines, named after the engine in upper snake case. {@link OlapTable#engineArgs()} gives the
 * engine's arguments as SQL text, for example {@code engine = REPLACING_MERGE_TREE, engineArgs = "version"} renders
 * {@code ENGINE = ReplacingMergeTree(version)}.
 *
 * <p>On ClickHouse Cloud declare the plain MergeTree-family engine: the service turns it into its shared form.
 */
public enum Engine {
    MERGE_TREE("MergeTree"),
    REPLACING_MERGE_TREE("ReplacingMergeTree"),
    SUMMING_MERGE_TREE("SummingMergeTree"),
    AGGREGATING_MERGE_TREE("AggregatingMergeTree"),
    COLLAPSING_MERGE_TREE("CollapsingMergeTree"),
    VERSIONED_COLLAPSING_MERGE_TREE("VersionedCollapsingMergeTree"),
    GRAPHITE_MERGE_TREE("GraphiteMergeTree"),
    REPLICATED_MERGE_TREE("ReplicatedMergeTree"),
    REPLICATED_REPLACING_MERGE_TREE("ReplicatedReplacingMergeTree"),
    REPLICATED_SUMMING_MERGE_TREE("ReplicatedSummingMergeTree"),
    REPLICATED_AGGREGATING_MERGE_TREE("ReplicatedAggregatingMergeTree"),
    REPLICATED_COLLAPSING_MERGE_TREE("ReplicatedCollapsingMergeTree"),
    REPLICATED_VERSIONED_COLLAPSING_MERGE_TREE("ReplicatedVersionedCollapsingMergeTree"),
    REPLICATED_GRAPHITE_MERGE_TREE("ReplicatedGraphiteMergeTree"),
    MEMORY("Memory"),
    LOG("Log"),
    TINY_LOG("TinyLog"),
    STRIPE_LOG("StripeLog"),
    NULL("Null"),
    SET("Set"),
    JOIN("Join"),
    BUFFER("Buffer"),
    DISTRIBUTED("Distributed"),
    MERGE("Merge"),
    DICTIONARY("Dictionary"),
    FILE("File"),
    URL("URL"),
    KAFKA("Kafka"),
    RABBIT_MQ("RabbitMQ"),
    NATS("NATS"),
    S3("S3"),
    S3_QUEUE("S3Queue"),
    AZURE_BLOB_STORAGE("AzureBlobStorage"),
    HDFS("HDFS"),
    ICEBERG_S3("IcebergS3"),
    DELTA_LAKE("DeltaLake"),
    HUDI("Hudi"),
    KEEPER_MAP("KeeperMap"),
    EMBEDDED_ROCKS_DB("EmbeddedRocksDB"),
    MYSQL("MySQL"),
    POSTGRESQL("PostgreSQL"),
    MONGODB("MongoDB"),
    REDIS("Redis"),
    JDBC("JDBC"),
    ODBC("ODBC");

    private final String engineName;

    Engine(String engineName) {
        this.engineName = engineName;
    }

    /** The engine's name in ClickHouse DDL, e.g. {@code ReplacingMergeTree}. */
    public String engineName() {
        return engineName;
    }
}
