/** Internal (quoting, lexing and rewriting SQL text, and credentials in it): no compatibility promise, may change in any release. */
package dev.moose.core.internal.sql;
