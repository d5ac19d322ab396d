/** Supported API: ClickHouse types, parsed and printed, and how Java types map to them. */
package dev.moose.core.types;
