package dev.moose.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A table setting, {@code SETTINGS name = value}. Numbers are written as they are; any other value is quoted as a
 * string unless it is already quoted.
 *
 * <pre>{@code @OlapTable(settings = {@Setting(name = "index_granularity", value = "4096"),
 *                      @Setting(name = "storage_policy", value = "hot_cold")})}</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Setting {
    String name();

    String value();
}
