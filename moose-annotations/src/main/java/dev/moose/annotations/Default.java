package dev.moose.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code DEFAULT expression}: the value used when an insert leaves the column out, and the value existing rows get
 * when the column is added. The text is SQL: write {@code @Default("'unknown'")} for a string, {@code @Default("now()")}
 * for the current time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Default {
    String value();
}
