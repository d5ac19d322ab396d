/** Supported API: the schema as this project models it (tables, views, materialized views, SQL resources), and its JSON snapshots. */
package dev.moose.core.model;
