package dev.moose.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A (non-materialized) view, on any class: {@code CREATE VIEW name AS select}.
 *
 * <pre>{@code
 * @View(name = "top_pages", select = "SELECT url, count() AS c FROM page_view GROUP BY url ORDER BY c DESC LIMIT 100")
 * final class Views {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Views.class)
public @interface View {
    String name();

    String select();

    /** The view's database; default: the database the plugin connects to. */
    String database() default "";

    /** How much of the view's life the migrations manage. */
    LifeCycle lifeCycle() default LifeCycle.FULLY_MANAGED;
}
