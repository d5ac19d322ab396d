package dev.moose.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Wraps the column type in {@code Nullable(…)}. {@code Optional<T>} members and members carrying any annotation
 * named {@code Nullable} (JSpecify, JSR-305, Jakarta …) are nullable too.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Nullable {
}
