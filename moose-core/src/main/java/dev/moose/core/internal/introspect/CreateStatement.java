package dev.moose.core.internal.introspect;

import java.util.List;
import java.util.Map;

/**
 * The parts of a {@code CREATE TABLE / VIEW / MATERIALIZED VIEW} statement as the server prints it, as text.
 * Missing clauses are {@code null}. {@code unmodelled} holds, as printed, every clause the model does not keep
 * (CONSTRAINT, column STATISTICS and SETTINGS, REFRESH, DEFINER, SQL SECURITY, …): an object with any is left alone
 * rather than read without them.
 */
public record CreateStatement(
        Kind kind,
        String database,
        String name,
        List<ColumnText> columns,
        List<IndexText> indexes,
        List<ProjectionText> projections,
        String engine,
        String partitionBy,
        String primaryKey,
        String orderBy,
        String sampleBy,
        String ttl,
        Map<String, String> settings,
        String comment,
        String toDatabase,
        String toTable,
        String select,
        List<String> unmodelled) {

    public enum Kind {
        TABLE, VIEW, MATERIALIZED_VIEW, OTHER
    }

    /** A column definition: type text and the optional clauses after it. */
    public record ColumnText(String name, String type, String defaultKind, String defaultExpression, String comment,
                             String codec, String ttl) {
    }

    public record IndexText(String name, String expression, String type, int granularity) {
    }

    public record ProjectionText(String name, String query) {
    }
}
