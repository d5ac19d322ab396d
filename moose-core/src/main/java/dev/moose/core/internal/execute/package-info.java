/** Internal (applying operations and waiting for the mutations they start): no compatibility promise, may change in any release. */
package dev.moose.core.internal.execute;
