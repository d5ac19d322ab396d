/** Internal (reading a live database into the model): no compatibility promise, may change in any release. */
package dev.moose.core.internal.introspect;
