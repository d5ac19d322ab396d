/**
 * Supported API: what a goal did, for machines. A {@link dev.moose.core.report.Report} collects the target, the
 * outcome and why, the plan's operations with how each ran, drift per object (and host), unmanaged objects and the
 * files written, and is written as versioned JSON (its schema: {@code report-schema-1.json} on the site) and, for
 * the checks, as JUnit XML that CI servers show as test results.
 */
package dev.moose.core.report;
