/**
 * Internal (distributed DDL): running a statement {@code ON CLUSTER}, awaited per host, with the hosts that failed
 * or did not finish named.
 */
package dev.moose.core.internal.ddl;
