/** Supported API: the exceptions and the log every part of moose-core uses, and the fixes its messages name. */
package dev.moose.core;
