package dev.moose.core.plan;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.InfraMap;
import java.util.List;

/** {@code CREATE DATABASE IF NOT EXISTS}: for tables declared in a database that does not exist yet. */
public record CreateDatabase(String database, String cluster) implements Operation {

    static final OperationType<CreateDatabase> TYPE = new OperationType<>("CreateDatabase",
            CreateDatabase.class, new Execution(DataEffect.METADATA, Resume.JOURNAL),
            f -> new CreateDatabase(f.text("database"), f.optText("cluster")));

    @Override
    public void writeFields(FieldWriter out) {
        out.put("database", database);
        out.putIf("cluster", cluster);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.first("+ Database: " + database);
    }

    public CreateDatabase {
        if (database == null || database.isBlank()) {
            throw new PlanException("CreateDatabase needs a database name");
        }
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
    }

    @Override
    public List<String> render(RenderContext context) {
        return List.of("CREATE DATABASE IF NOT EXISTS " + Sql.quoteIdentifier(database)
                + (cluster == null ? "" : " ON CLUSTER " + Sql.quoteIdentifier(cluster)));
    }

    @Override
    public InfraMap apply(InfraMap state) {
        return state;
    }

    @Override
    public String describe() {
        return "create database " + database;
    }
}
