package dev.moose.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that touches a database: it runs once on each test server (ClickHouse 18.16 native and ClickHouse 26.5
 * behind the chdb-wasm front end), each time with a fresh {@link TestDatabase} parameter of its own.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(ClickHouseExtension.class)
public @interface ClickHouseTest {
}
