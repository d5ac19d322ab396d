/** Internal (comparing two models and planning the operations between them): no compatibility promise, may change in any release. */
package dev.moose.core.internal.diff;
