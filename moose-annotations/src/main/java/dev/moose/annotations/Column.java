package dev.moose.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Column details that differ from the defaults.
 *
 * <pre>{@code
 * @Column(name = "created_at", type = "DateTime64(6, 'UTC')", renamedFrom = "createdAt") Instant created;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Column {

    /** The column name; default: the Java member's name as written. */
    String name() default "";

    /**
     * An explicit ClickHouse type, instead of the one mapped from the Java type. It is parsed and checked when the
     * classes are scanned; {@link Nullable} and {@link LowCardinality} still apply on top of it.
     */
    String type() default "";

    /**
     * The column's previous name: the plan renames the column instead of dropping and adding it. Remove it once
     * every environment has been migrated.
     */
    String renamedFrom() default "";
}
