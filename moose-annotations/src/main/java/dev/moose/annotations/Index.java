package dev.moose.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A data-skipping index: {@code INDEX name expression TYPE type GRANULARITY granularity}.
 *
 * <pre>{@code
 * @Index(name = "idx_url", expression = "url", type = "bloom_filter(0.01)", granularity = 4)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Indexes.class)
public @interface Index {
    String name();

    String expression();

    /** The index type with its arguments: {@code minmax}, {@code set(100)}, {@code bloom_filter(0.01)} … */
    String type();

    int granularity() default 1;
}
