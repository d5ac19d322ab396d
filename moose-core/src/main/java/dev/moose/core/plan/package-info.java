/** Supported API: a migration plan, read from and written to plan.yaml, and its operations. */
package dev.moose.core.plan;
