/** Supported API: ClickHouse releases and what each can do. */
package dev.moose.core.version;
