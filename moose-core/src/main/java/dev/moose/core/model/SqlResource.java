package dev.moose.core.model;

import java.util.List;

/**
 * Raw SQL run as a unit: {@code setup} statements create it, {@code teardown} statements remove it.
 * {@code dependsOn} names the tables and views it reads or writes, for ordering.
 */
public record SqlResource(String name, String database, List<String> setup, List<String> teardown, List<String> dependsOn) {

    public SqlResource {
        if (name == null || name.isBlank()) {
            throw new ModelException("A SQL resource needs a name");
        }
        database = database == null || database.isBlank() ? null : database;
        setup = clean(setup);
        teardown = clean(teardown);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        if (setup.isEmpty()) {
            throw new ModelException("SQL resource '" + name + "' has no setup statements");
        }
    }

    private static List<String> clean(List<String> statements) {
        if (statements == null) {
            return List.of();
        }
        return statements.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public String key() {
        return InfraMap.key(database, name);
    }

    public String displayName() {
        return database == null ? name : database + "." + name;
    }
}
