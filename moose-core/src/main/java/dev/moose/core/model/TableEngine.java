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

    /** The engine that spreads a table over the shards of a cluster: {@code Distributed(cluster, database, table[, key])}. */
    public static final String DISTRIBUTED = "Distributed";
    /** A Distributed table's database argument meaning the connection's database, whatever its name. */
    public static final String CURRENT_DATABASE = "currentDatabase()";

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
        if (name.equals(DISTRIBUTED)) {
            // cluster, database and table may be written as names or as strings: one form, the string
            List<String> args = new java.util.ArrayList<>(arguments);
            for (int i = 0; i < Math.min(3, args.size()); i++) {
                if (args.get(i).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    args.set(i, Sql.quoteString(args.get(i)));
                }
            }
            arguments = List.copyOf(args);
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

    /**
     * Whether a Replicated engine names its keeper path and replica name (its first two arguments, string
     * literals); without them the server's defaults (or, where it has none, {@link #withKeeperArguments}) apply.
     */
    public boolean hasKeeperArguments() {
        return (isReplicated() || isShared()) && arguments.size() >= 2
                && arguments.get(0).startsWith("'") && arguments.get(1).startsWith("'");
    }

    /** The engine without a keeper path and replica name: {@code ReplicatedMergeTree('/p', 'r', v)} → {@code ReplicatedMergeTree(v)}. */
    public TableEngine withoutKeeperArguments() {
        return hasKeeperArguments() ? new TableEngine(name, arguments.subList(2, arguments.size())) : this;
    }

    /** Keeper path {@code path} and replica {@code '{replica}'} put before the engine's own arguments. */
    public TableEngine withKeeperArguments(String path) {
        List<String> args = new java.util.ArrayList<>();
        args.add(Sql.quoteString(path));
        args.add(Sql.quoteString(DEFAULT_REPLICA_NAME));
        args.addAll(arguments);
        return new TableEngine(name, args);
    }

    /** The replica name every Replicated table defaults to: the {@code replica} macro of each host. */
    public static final String DEFAULT_REPLICA_NAME = "{replica}";

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
