/** Internal (small helpers the packages share): no compatibility promise, may change in any release. */
package dev.moose.core.internal;
