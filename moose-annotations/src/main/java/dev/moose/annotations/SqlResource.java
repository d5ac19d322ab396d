package dev.moose.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Raw SQL the migrations run as a unit, on any class: the {@code setup} statements when the resource is new or
 * changed, the {@code teardown} statements before it changes or when it is removed. Use it for what the
 * annotations do not model (dictionaries, functions, row policies …).
 *
 * <pre>{@code
 * @SqlResource(name = "country_dict",
 *     setup = "CREATE DICTIONARY IF NOT EXISTS country_dict (code String, name String) PRIMARY KEY code …",
 *     teardown = "DROP DICTIONARY IF EXISTS country_dict",
 *     dependsOn = "countries")
 * final class Dictionaries {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(SqlResources.class)
public @interface SqlResource {
    String name();

    /** Statements that create the resource, run in order. */
    String[] setup();

    /** Statements that remove it, run in order. */
    String[] teardown() default {};

    /** Tables or views the resource reads or writes: it is set up after them and torn down before them. */
    String[] dependsOn() default {};

    /** The database the statements run in; default: the database the plugin connects to. */
    String database() default "";
}
