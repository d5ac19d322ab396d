/** Internal (the tables this project keeps in a migrated database: the lock, the journal and the registry of managed objects): no compatibility promise, may change in any release. */
package dev.moose.core.internal.bookkeeping;
