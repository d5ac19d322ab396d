/** Supported API: connecting to ClickHouse over HTTP, and a local ClickHouse started from the binary on this machine. */
package dev.moose.core.server;
