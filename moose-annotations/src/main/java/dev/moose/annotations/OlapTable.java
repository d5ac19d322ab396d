package dev.moose.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a ClickHouse table whose columns are the record components (or the non-static, non-transient fields)
 * of the annotated class.
 *
 * <pre>{@code
 * @OlapTable(orderBy = {"user_id", "ts"}, partitionBy = "toYYYYMM(ts)", ttl = "ts + INTERVAL 90 DAY")
 * public record PageView(@Key String user_id, @Key Instant ts, @LowCardinality String country,
 *                        @Nullable String referrer, @Default("now()") Instant received) {}
 * }</pre>
 *
 * gives {@code CREATE TABLE page_view (user_id String, ts DateTime64(3, 'UTC'), …) ENGINE = MergeTree
 * PARTITION BY toYYYYMM(ts) ORDER BY (user_id, ts) TTL ts + INTERVAL 90 DAY}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OlapTable {

    /** The table name; default: the class's simple name in snake_case ({@code PageView} → {@code page_view}). */
    String name() default "";

    /** The database; default: the database the plugin connects to ({@code moose.database}). */
    String database() default "";

    /**
     * The sorting key: column names or expressions, in order. Default: the {@link Key} columns in declaration
     * order, else {@code tuple()}.
     */
    String[] orderBy() default {};

    /** {@code PARTITION BY} expression, e.g. {@code toYYYYMM(ts)}. */
    String partitionBy() default "";

    /** {@code SAMPLE BY} expression; it must be part of the primary key. */
    String sampleBy() default "";

    /** {@code PRIMARY KEY} when it differs from the sorting key (it must be a prefix of it). */
    String[] primaryKey() default {};

    /** The table engine; default MergeTree. */
    Engine engine() default Engine.MERGE_TREE;

    /** The engine's arguments as SQL text: {@code engine = REPLACING_MERGE_TREE, engineArgs = "version"}. */
    String[] engineArgs() default {};

    /** Table settings ({@code SETTINGS k = v}). */
    Setting[] settings() default {};

    /** Table TTL, without the {@code TTL} keyword: {@code "ts + INTERVAL 30 DAY"}. */
    String ttl() default "";

    /** How much of the table's life the migrations manage. */
    LifeCycle lifeCycle() default LifeCycle.FULLY_MANAGED;

    /**
     * The cluster the table lives on: its DDL runs {@code ON CLUSTER} it and every host is checked for drift.
     * Default: the project's cluster ({@code moose.cluster}), else none.
     */
    String cluster() default "";

    /** The table comment. */
    String comment() default "";
}
