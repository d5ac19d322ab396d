package dev.moose.core.model;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.internal.sql.SqlLexer;
import dev.moose.core.internal.sql.SqlToken;
import java.util.List;
import java.util.Set;

/**
 * A table engine and its arguments (SQL text each): {@code ReplacingMergeTree(version)} is
 * {@code new TableEngine("ReplacingMergeTree", List.of("version"))}.
 */
public record TableEngine(String name, List<String> arguments) {

    /** Engines that take PARTITION BY without being of the MergeTree family. */
    private static final Set<String> PARTITIONED_OTHERS = Set.of("S3", "AzureBlobStorage", "HDFS", "File");
    /** Engines that take a PRIMARY KEY without being of the MergeTree family. */
    private static final Set<String> KEYED_OTHERS = Set.of("EmbeddedRocksDB", "KeeperMap");

    public TableEngine {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new ModelException("'" + name + "' is not a table engine name");
        }
        arguments = arguments == null ? List.of() : arguments.stream().map(Sql::tidy).toList();
        if (arguments.contains(null)) {
            throw new ModelException("engine " + name + " has an empty argument");
        }
    }

    public static TableEngine of(String name, String... arguments) {
        return new TableEngine(name, List.of(arguments));
    }

    public static TableEngine mergeTree() {
        return new TableEngine("MergeTree", List.of());
    }

    /**
     * Reads {@code Name} or {@code Name(arg, …)}, as written in DDL or shown by the server.
     *
     * @throws ModelException when the text is not an engine
     */
    public static TableEngine parse(String text) {
        String t = text == null ? "" : text.strip();
        List<SqlToken> tokens = SqlLexer.tokenize(t);
        // current servers print some engine names quoted: ENGINE = `Null`
        if (tokens.isEmpty() || !(tokens.get(0).isWord() || tokens.get(0).kind() == SqlToken.Kind.QUOTED_IDENTIFIER)) {
            throw new ModelException("'" + text + "' is not a table engine");
        }
        String name = tokens.get(0).identifier();
        if (tokens.size() == 1) {
            return new TableEngine(name, List.of());
        }
        if (!tokens.get(1).is("(") || !tokens.get(tokens.size() - 1).is(")")) {
            throw new ModelException("'" + text + "' is not a table engine: expected Name or Name(arguments)");
        }
        String inside = t.substring(tokens.get(1).end(), tokens.get(tokens.size() - 1).start());
        return new TableEngine(name, Sql.splitTopLevel(inside));
    }

    /** MergeTree and its variants, including Replicated and Shared (ClickHouse Cloud) forms. */
    public boolean isMergeTreeFamily() {
        return name.endsWith("MergeTree");
    }

    public boolean isReplicated() {
        return isMergeTreeFamily() && name.startsWith("Replicated");
    }

    public boolean isShared() {
        return isMergeTreeFamily() && name.startsWith("Shared");
    }

    /** The engine without its Replicated/Shared prefix: {@code ReplicatedReplacingMergeTree} → {@code ReplacingMergeTree}. */
    public String baseName() {
        if (isReplicated()) {
            return name.substring("Replicated".length());
        }
        if (isShared()) {
            return name.substring("Shared".length());
        }
        return name;
    }

    /** ORDER BY, SAMPLE BY, TTL, indexes and projections apply to the MergeTree family only. */
    public boolean supportsSortingKey() {
        return isMergeTreeFamily();
    }

    public boolean supportsPartitionBy() {
        return isMergeTreeFamily() || PARTITIONED_OTHERS.contains(name);
    }

    public boolean supportsPrimaryKey() {
        return isMergeTreeFamily() || KEYED_OTHERS.contains(name);
    }

    /** {@code Name} or {@code Name(arg, …)}. */
    public String render() {
        return arguments.isEmpty() ? name : name + "(" + String.join(", ", arguments) + ")";
    }

    @Override
    public String toString() {
        return render();
    }
}
