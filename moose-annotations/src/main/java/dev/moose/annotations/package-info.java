/**
 * The annotations that declare ClickHouse tables, views and materialized views on Java classes.
 * This module has no dependencies; the Maven plugin reads the annotations from compiled classes without
 * loading them.
 */
package dev.moose.annotations;
