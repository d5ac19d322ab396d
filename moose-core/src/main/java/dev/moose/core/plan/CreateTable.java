package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.Column;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.ModelTree;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableEngine;
import dev.moose.core.model.TableIndex;
import dev.moose.core.model.TableProjection;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code CREATE TABLE} with every column, index, projection and storage clause of the table. */
public record CreateTable(Table table) implements Operation {

    static final OperationType<CreateTable> TYPE = new OperationType<>("CreateTable", CreateTable.class,
            Execution.METADATA, f -> new CreateTable(f.table("table")));

    @Override
    public void writeFields(FieldWriter out) {
        out.put("table", ModelTree.table(table));
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.headline(table.key(), "+ Table: " + table.displayName() + " ("
                + String.join(", ", table.columns().stream().map(c -> c.name() + " " + c.type()).toList()) + ")"
                + (table.engine().supportsSortingKey() ? " ORDER BY " + Sql.keyExpression(table.orderBy()) : "")
                + (table.engine().name().equals("MergeTree") ? "" : " ENGINE " + table.engine().render()));
    }

    public CreateTable {
        Objects.requireNonNull(table, "table");
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of(createStatement(table, TableRef.of(table), context));
    }

    /** The CREATE TABLE statement for {@code t}, under the name and cluster of {@code as}. */
    static String createStatement(Table t, TableRef as, RenderContext context) {
        Capabilities c = context.capabilities();
        List<String> elements = new ArrayList<>();
        for (Column col : t.columns()) {
            elements.add(col.definition());
        }
        for (TableIndex i : t.indexes()) {
            elements.add(i.definition());
        }
        for (TableProjection p : t.projections()) {
            elements.add(p.definition());
        }
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(as.target()).append("\n(\n    ")
                .append(String.join(",\n    ", elements)).append("\n)\nENGINE = ").append(engine(t, as, context, elements).render());
        if (t.partitionBy() != null) {
            sb.append("\nPARTITION BY ").append(t.partitionBy());
        }
        if (!t.primaryKey().isEmpty()) {
            sb.append("\nPRIMARY KEY ").append(Sql.keyExpression(t.primaryKey()));
        }
        if (t.engine().supportsSortingKey()) {
            sb.append("\nORDER BY ").append(Sql.keyExpression(t.orderBy()));
        }
        if (t.sampleBy() != null) {
            sb.append("\nSAMPLE BY ").append(t.sampleBy());
        }
        if (t.ttl() != null) {
            sb.append("\nTTL ").append(t.ttl());
        }
        if (!t.settings().isEmpty()) {
            List<String> settings = new ArrayList<>();
            t.settings().forEach((k, v) -> settings.add(k + " = " + v));
            sb.append("\nSETTINGS ").append(String.join(", ", settings));
        }
        if (t.comment() != null && c.has(Feature.TABLE_COMMENT)) {
            sb.append("\nCOMMENT ").append(Sql.quoteString(t.comment()));
        }
        return sb.toString();
    }

    /**
     * The engine as created: a Replicated engine declared without keeper path gets one on servers that have no
     * default ({@code {uuid}} and the argument-less form arrived in 21.3). The path holds the table's name, and for
     * a rebuild's new table also a token of its definition, so that it never meets the path of the table it replaces
     * (renaming keeps a path; a new replica on a path in use would fail, or worse, join it).
     */
    private static TableEngine engine(Table t, TableRef as, RenderContext context, List<String> elements) {
        TableEngine e = t.engine();
        Capabilities c = context.capabilities();
        if (e.name().equals(TableEngine.DISTRIBUTED) && e.arguments().size() >= 2
                && e.arguments().get(1).equals(TableEngine.CURRENT_DATABASE) && context.connectionDatabase().isPresent()) {
            // hosts running ON CLUSTER DDL evaluate currentDatabase() as their own default database
            List<String> args = new ArrayList<>(e.arguments());
            args.set(1, Sql.quoteString(context.connectionDatabase().get()));
            return new TableEngine(e.name(), args);
        }
        if (!e.isReplicated() || e.hasKeeperArguments() || c.has(Feature.REPLICATED_DEFAULT_ARGUMENTS)) {
            return e;
        }
        String path = "/clickhouse/tables/{shard}/{database}/" + t.name();
        if (!as.table().equals(t.name())) {
            path += "/" + CanonicalForm.sha256(String.join("\n", elements) + "\n" + e.render()).substring(0, 12);
        }
        return e.withKeeperArguments(path);
    }

    /** Features a table definition needs. */
    static List<Feature> featuresOf(Table t) {
        List<Feature> f = new ArrayList<>();
        if (t.columns().stream().anyMatch(c -> c.codec() != null)) {
            f.add(Feature.COLUMN_CODEC);
        }
        if (t.ttl() != null || t.columns().stream().anyMatch(c -> c.ttl() != null)) {
            f.add(Feature.TTL);
        }
        if (!t.indexes().isEmpty()) {
            f.add(Feature.SKIPPING_INDEX);
        }
        if (!t.projections().isEmpty()) {
            f.add(Feature.PROJECTION);
        }
        return f;
    }

    @Override
    public List<Feature> requires() {
        return featuresOf(table);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        if (state.tables().containsKey(table.key())) {
            throw new PlanException(name() + ": table " + table.displayName() + " already exists");
        }
        return state.withTable(table);
    }

    @Override
    public String describe() {
        return "create table " + table.displayName() + " (" + table.columns().size() + " columns, " + table.engine().name() + ")";
    }
}
