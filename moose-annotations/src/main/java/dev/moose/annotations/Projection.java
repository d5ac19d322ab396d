package dev.moose.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A projection: {@code PROJECTION name (query)}.
 *
 * <pre>{@code
 * @Projection(name = "by_user", query = "SELECT * ORDER BY user_id")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Projections.class)
public @interface Projection {
    String name();

    /** The projection's SELECT, without the surrounding parentheses. */
    String query();
}
