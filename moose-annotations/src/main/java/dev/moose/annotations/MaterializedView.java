package dev.moose.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A materialized view that writes into the table declared by the annotated {@link OlapTable} class:
 * {@code CREATE MATERIALIZED VIEW name TO <that table> AS select}.
 *
 * <pre>{@code
 * @OlapTable(orderBy = "day", engine = Engine.SUMMING_MERGE_TREE)
 * @MaterializedView(name = "daily_views_mv",
 *     select = "SELECT toDate(ts) AS day, count() AS views FROM page_view GROUP BY day")
 * public record DailyViews(LocalDate day, long views) {}
 * }</pre>
 *
 * When the view is new, or its SELECT changes, the plan recreates it and backfills the target table from its
 * sources.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(MaterializedViews.class)
public @interface MaterializedView {
    String name();

    /** The SELECT whose results are inserted into the target table for every insert into its source. */
    String select();

    /** The view's database; default: the target table's. */
    String database() default "";

    /** How much of the view's life the migrations manage. */
    LifeCycle lifeCycle() default LifeCycle.FULLY_MANAGED;
}
