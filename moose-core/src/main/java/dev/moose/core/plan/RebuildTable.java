package dev.moose.core.plan;

import dev.moose.core.internal.sql.Credentials;
import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.Column;
import dev.moose.core.model.ColumnDefault;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.ModelTree;
import dev.moose.core.model.Table;
import dev.moose.core.types.ClickHouseType;
import java.util.ArrayList;
import java.util.List;

/**
 * A change ClickHouse cannot make in place (ORDER BY, PARTITION BY, PRIMARY KEY, engine, a read-only setting):
 * creates the new table beside the old one, copies the rows of the columns both have ({@code copyData}), swaps
 * the names and drops the old table. Rows written to the old table while the copy runs are lost, and so are
 * columns the new table does not have: the plan marks it destructive.
 */
public record RebuildTable(Table before, Table after, boolean copyData) implements Operation {

    static final OperationType<RebuildTable> TYPE = new OperationType<>("RebuildTable",
            RebuildTable.class, new Execution(DataEffect.REWRITE, Resume.SCHEMA),
            f -> new RebuildTable(f.table("before"), f.table("after"), f.bool("copy_data", true)));

    @Override
    public void writeFields(FieldWriter out) {
        out.put("before", ModelTree.table(before));
        out.put("after", ModelTree.table(after));
        out.put("copy_data", copyData);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.other(after.key(), "rebuilt: " + changes());
    }

    static final String NEW_SUFFIX = "__moose_rebuild";
    static final String OLD_SUFFIX = "__moose_old";
    /** The Distributed table a copy on a cluster writes one shard through. */
    static final String COPY_SUFFIX = "__moose_copy";

    public RebuildTable {
        if (!before.key().equals(after.key())) {
            throw new PlanException("RebuildTable must keep the table's name and database: " + before.displayName()
                    + " is rebuilt as " + after.displayName());
        }
    }

    /**
     * The swap is one statement, so an old table beside a rebuilt one is a stale copy: a run that stopped between
     * the swap and the final drop left it.
     */
    @Override
    public List<String> leftovers(InfraMap live) {
        TableRef old = oldTable();
        return live.tables().containsKey(InfraMap.key(old.database(), old.table())) ? List.of("DROP TABLE " + old.target()) : List.of();
    }

    /** Where the table's previous incarnation stands between the swap and the final drop. */
    public TableRef oldTable() {
        return ref(OLD_SUFFIX);
    }

    private TableRef ref(String suffix) {
        return new TableRef(after.name() + suffix, after.database(), after.cluster());
    }

    @Override
    public List<String> render(RenderContext context) {
        if (after.engine().hasKeeperArguments()
                && !after.engine().arguments().get(0).contains("{table}") && !after.engine().arguments().get(0).contains("{uuid}")) {
            throw new PlanException("cannot rebuild " + after.displayName() + " beside itself: its replication path "
                    + after.engine().arguments().get(0) + " names no {table} or {uuid}, so two tables would share it. "
                    + "Edit the plan: replace RebuildTable with DropTable then CreateTable (the data is lost), "
                    + "or use a path with {table}");
        }
        TableRef current = TableRef.of(after);
        TableRef fresh = ref(NEW_SUFFIX);
        TableRef old = ref(OLD_SUFFIX);
        List<String> out = new ArrayList<>();
        // A half-filled copy left by an attempt that stopped before the swap holds nothing of value. A leftover
        // old table is never dropped blindly: if the swap itself was cut short it may hold the only copy of the
        // rows, so the RENAME below fails on it and names it instead.
        out.add("DROP TABLE IF EXISTS " + fresh.target());
        out.add(CreateTable.createStatement(after, fresh, context));
        List<String> copied = copiedColumns();
        if (copyData && !copied.isEmpty()) {
            String list = String.join(", ", copied);
            if (after.cluster() == null) {
                out.add("INSERT INTO " + Sql.qualified(fresh.database(), fresh.table()) + " (" + list + ") SELECT " + list
                        + " FROM " + Sql.qualified(current.database(), current.table()));
            } else {
                out.addAll(copyEveryShard(context, current, fresh, list));
            }
        }
        out.add("RENAME TABLE " + Sql.qualified(current.database(), current.table()) + " TO " + Sql.qualified(old.database(), old.table())
                + ", " + Sql.qualified(fresh.database(), fresh.table()) + " TO " + Sql.qualified(current.database(), current.table())
                + current.onCluster());
        out.add("DROP TABLE " + old.target());
        return out;
    }

    /**
     * On a cluster each shard's rows are copied into the same shard's new table: read from one of its replicas
     * (remote(), with the connection's credentials, resolved when sent) and written through a Distributed table whose
     * constant sharding key is that shard (statements run with insert_distributed_sync, so the rows are there when
     * the INSERT returns). A replicated table has every row of its shard on each replica; a plain table on replicated
     * shards has rows of its own on each host, which no shard-wise copy can keep: refused.
     */
    private List<String> copyEveryShard(RenderContext context, TableRef current, TableRef fresh, String list) {
        List<Shard> shards = context.shards(after.cluster()).orElseThrow(() -> new PlanException("rebuilding " + after.displayName()
                + " on cluster " + after.cluster() + " copies the rows of every shard: it is rendered for a server that lists "
                + "the cluster's shards"));
        if (!before.engine().isReplicated() && shards.stream().anyMatch(s -> s.replicas().size() > 1)) {
            throw new PlanException("cannot rebuild " + after.displayName() + " on cluster " + after.cluster() + ": it is not "
                    + "replicated, yet the shards have several replicas, so each host holds rows of its own that a rebuild "
                    + "copying shard by shard would lose. Make it a Replicated table first, or edit the plan: replace RebuildTable "
                    + "with DropTable then CreateTable (the data is lost), or copy the rows yourself in RawSql");
        }
        TableRef copy = ref(COPY_SUFFIX);
        String database = current.database() == null ? "currentDatabase()" : Sql.quoteString(current.database());
        List<String> out = new ArrayList<>();
        for (Shard shard : shards) {
            out.add("DROP TABLE IF EXISTS " + Sql.qualified(copy.database(), copy.table()));
            out.add("CREATE TABLE " + Sql.qualified(copy.database(), copy.table()) + " AS " + Sql.qualified(fresh.database(), fresh.table())
                    + " ENGINE = Distributed(" + Sql.quoteString(after.cluster()) + ", " + database + ", "
                    + Sql.quoteString(fresh.table()) + ", " + shard.weightOffset() + ")");
            out.add("INSERT INTO " + Sql.qualified(copy.database(), copy.table()) + " (" + list + ") SELECT " + list
                    + " FROM remote(" + Sql.quoteString(shard.replicasPattern()) + ", " + database + ", " + Sql.quoteString(current.table())
                    + ", " + Credentials.CONNECTION_USER + ", " + Credentials.CONNECTION_PASSWORD + ")");
            out.add("DROP TABLE " + Sql.qualified(copy.database(), copy.table()));
        }
        return out;
    }

    /** Stored columns of the new table that the old one has too, Nested ones as their subcolumns. */
    List<String> copiedColumns() {
        List<String> out = new ArrayList<>();
        for (Column c : after.columns()) {
            if (c.defaultValue() != null && c.defaultValue().kind() != ColumnDefault.Kind.DEFAULT) {
                continue;
            }
            Column old = before.column(c.name()).orElse(null);
            if (old == null || (old.defaultValue() != null && old.defaultValue().kind() == ColumnDefault.Kind.ALIAS)) {
                continue;
            }
            if (c.type() instanceof ClickHouseType.Nested n && old.type() instanceof ClickHouseType.Nested) {
                n.fields().forEach(f -> out.add(Sql.quoteIdentifier(c.name() + "." + f.name())));
            } else {
                out.add(Sql.quoteIdentifier(c.name()));
            }
        }
        return out;
    }

    @Override
    public List<dev.moose.core.version.Feature> requires() {
        return CreateTable.featuresOf(after);
    }

    @Override
    public InfraMap apply(InfraMap state) {
        TableRef.of(before).in(state, name());
        return state.withTable(after);
    }

    @Override
    public String destructiveReason() {
        List<String> lost = before.columnNames().stream().filter(n -> after.column(n).isEmpty()).toList();
        return "rebuilds " + after.displayName() + " (" + changes() + "): "
                + (copyData ? "rows are copied to a new table, rows written during the copy are lost" : "all rows are lost")
                + (lost.isEmpty() ? "" : ", columns " + String.join(", ", lost) + " are dropped");
    }

    /** What makes the rebuild necessary. */
    public String changes() {
        List<String> why = new ArrayList<>();
        if (!Sql.keyExpression(before.orderBy()).equals(Sql.keyExpression(after.orderBy()))) {
            why.add("ORDER BY " + Sql.keyExpression(before.orderBy()) + " -> " + Sql.keyExpression(after.orderBy()));
        }
        if (!java.util.Objects.equals(before.partitionBy(), after.partitionBy())) {
            why.add("PARTITION BY " + before.partitionBy() + " -> " + after.partitionBy());
        }
        if (!before.effectivePrimaryKey().equals(after.effectivePrimaryKey())) {
            why.add("PRIMARY KEY " + Sql.keyExpression(before.effectivePrimaryKey()) + " -> " + Sql.keyExpression(after.effectivePrimaryKey()));
        }
        if (!before.engine().equals(after.engine())) {
            why.add("ENGINE " + before.engine() + " -> " + after.engine());
        }
        return why.isEmpty() ? "settings that cannot be altered" : String.join(", ", why);
    }

    @Override
    public String describe() {
        return "rebuild table " + after.displayName() + " (" + changes() + ")";
    }
}
