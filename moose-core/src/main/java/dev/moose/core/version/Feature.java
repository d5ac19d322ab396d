package dev.moose.core.version;

/**
 * DDL a migration may need, with the first ClickHouse release that runs it (from the changelogs; checked against a
 * live 18.16 server where they disagreed).
 */
public enum Feature {
    COLUMN_CODEC(19, 1, "column CODEC(…)"),
    TTL(19, 6, "TTL on tables and columns"),
    MODIFY_TTL(19, 6, "ALTER TABLE … MODIFY TTL"),
    SKIPPING_INDEX(19, 3, "data-skipping INDEX"),
    MATERIALIZE_INDEX(19, 14, "ALTER TABLE … MATERIALIZE INDEX"),
    MODIFY_SETTING(19, 14, "ALTER TABLE … MODIFY SETTING"),
    MUTATIONS_SYNC(20, 1, "the mutations_sync setting"),
    RENAME_COLUMN(20, 4, "ALTER TABLE … RENAME COLUMN"),
    DROP_VIEW(20, 4, "DROP VIEW"),
    ADD_COLUMN_FIRST(20, 6, "ALTER TABLE … ADD COLUMN … FIRST"),
    MODIFY_SAMPLE_BY(20, 8, "ALTER TABLE … MODIFY SAMPLE BY"),
    REMOVE_COLUMN_PROPERTY(20, 10, "ALTER TABLE … MODIFY COLUMN … REMOVE DEFAULT/CODEC/TTL"),
    REMOVE_TTL(20, 10, "ALTER TABLE … REMOVE TTL"),
    DROP_SYNC(20, 10, "DROP TABLE … SYNC"),
    REPLICATED_DEFAULT_ARGUMENTS(21, 3, "Replicated*MergeTree without a keeper path and replica name"),
    PROJECTION(21, 6, "PROJECTION"),
    TABLE_COMMENT(21, 6, "table COMMENT"),
    RESET_SETTING(21, 8, "ALTER TABLE … RESET SETTING"),
    REMOVE_SAMPLE_BY(21, 11, "ALTER TABLE … REMOVE SAMPLE BY"),
    MODIFY_COMMENT(23, 9, "ALTER TABLE … MODIFY COMMENT");

    private final int major;
    private final int minor;
    private final String description;

    Feature(int major, int minor, String description) {
        this.major = major;
        this.minor = minor;
        this.description = description;
    }

    public ServerVersion since() {
        return ServerVersion.of(major, minor);
    }

    /** What it is, in SQL terms: {@code ALTER TABLE … RENAME COLUMN}. */
    public String description() {
        return description;
    }
}
