package dev.moose.core.internal.diff;

import dev.moose.core.internal.sql.Selects;
import dev.moose.core.model.Column;
import dev.moose.core.model.Equivalence;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.LifeCycle;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.SqlResource;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableEngine;
import dev.moose.core.model.TableIndex;
import dev.moose.core.model.TableProjection;
import dev.moose.core.model.View;
import dev.moose.core.plan.AddTableColumn;
import dev.moose.core.plan.AddTableIndex;
import dev.moose.core.plan.AddTableProjection;
import dev.moose.core.plan.CreateDatabase;
import dev.moose.core.plan.CreateMaterializedView;
import dev.moose.core.plan.CreateSqlResource;
import dev.moose.core.plan.CreateTable;
import dev.moose.core.plan.CreateView;
import dev.moose.core.plan.DropMaterializedView;
import dev.moose.core.plan.DropSqlResource;
import dev.moose.core.plan.DropTable;
import dev.moose.core.plan.DropTableColumn;
import dev.moose.core.plan.DropTableIndex;
import dev.moose.core.plan.DropTableProjection;
import dev.moose.core.plan.DropView;
import dev.moose.core.plan.ModifySampleBy;
import dev.moose.core.plan.ModifyTableColumn;
import dev.moose.core.plan.ModifyTableComment;
import dev.moose.core.plan.ModifyTableSettings;
import dev.moose.core.plan.ModifyTableTtl;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.PopulateMaterializedView;
import dev.moose.core.plan.RebuildTable;
import dev.moose.core.plan.RemoveSampleBy;
import dev.moose.core.plan.RenameTableColumn;
import dev.moose.core.plan.TableRef;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes the operations that take the database ({@code remote}: the part of it the project is concerned with)
 * to the state the code declares. Renames only where the code says so ({@code @Column(renamedFrom)}); changes no
 * ALTER can make become an explicit, destructive {@link RebuildTable}; life cycles are respected (what they
 * prevent is reported as blocked). Order: every teardown first (views, then columns, then tables), then every
 * setup (databases, tables, columns, views, materialized views with their backfill, SQL resources).
 */
public final class Differ {

    /**
     * @param capabilities      the target server's (table comments are compared only where they exist)
     * @param existingDatabases databases the server has; others the code uses are created
     * @param existingTables    every table of the databases read, managed or not: a new materialized view reading
     *                          one of them is backfilled from it
     * @param cluster           the project's cluster, for views and databases ({@code null}: none); tables and
     *                          materialized views carry their own
     */
    public record Options(Capabilities capabilities, Set<String> existingDatabases, Set<String> existingTables, String cluster) {
        public Options {
            existingDatabases = Set.copyOf(existingDatabases);
            existingTables = Set.copyOf(existingTables);
            cluster = cluster == null || cluster.isBlank() ? null : cluster;
        }

        public Options(Capabilities capabilities, Set<String> existingDatabases, Set<String> existingTables) {
            this(capabilities, existingDatabases, existingTables, null);
        }

        public Options withCluster(String projectCluster) {
            return new Options(capabilities, existingDatabases, existingTables, projectCluster);
        }

        /** Options for a server whose tables are all in {@code remote}. */
        public static Options of(Capabilities capabilities, Set<String> existingDatabases, InfraMap remote) {
            return new Options(capabilities, existingDatabases, remote.tables().keySet());
        }
    }

    /**
     * @param blocked changes the life cycles prevent, with the reason
     * @param notes   things worth knowing that need no operation (externally managed objects that differ …)
     */
    public record Result(List<Operation> operations, List<String> blocked, List<String> notes) {
        public Result {
            operations = List.copyOf(operations);
            blocked = List.copyOf(blocked);
            notes = List.copyOf(notes);
        }
    }

    private final InfraMap remote;
    private final InfraMap code;
    private final Options options;

    private final List<Operation> dropMaterializedViews = new ArrayList<>();
    private final List<Operation> dropViews = new ArrayList<>();
    private final List<Operation> dropResources = new ArrayList<>();
    private final List<Operation> dropColumnsAndParts = new ArrayList<>();
    private final List<Operation> dropTables = new ArrayList<>();
    private final List<Operation> createDatabases = new ArrayList<>();
    private final List<Operation> createTables = new ArrayList<>();
    private final List<Operation> alterTables = new ArrayList<>();
    private final List<Operation> createViews = new ArrayList<>();
    private final List<Operation> createMaterializedViews = new ArrayList<>();
    private final List<Operation> createResources = new ArrayList<>();
    private final List<String> blocked = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> createdTables = new HashSet<>();
    private final Set<String> rebuiltTables = new HashSet<>();

    private Differ(InfraMap remote, InfraMap code, Options options) {
        this.remote = remote;
        this.code = code;
        this.options = options;
    }

    private static boolean isDistributed(Operation op, InfraMap map) {
        String key = op instanceof CreateTable c ? c.table().key() : op instanceof DropTable d ? d.table().key() : null;
        return key != null && map.table(key).map(t -> t.engine().name().equals(TableEngine.DISTRIBUTED)).orElse(false);
    }

    /** The operations on Distributed tables first, the others after them, each in their order. */
    private static List<Operation> distributedFirst(List<Operation> ops, InfraMap map) {
        List<Operation> out = new ArrayList<>(ops);
        out.sort(java.util.Comparator.comparing(op -> !isDistributed(op, map)));
        return out;
    }

    public static Result diff(InfraMap remote, InfraMap code, Options options) {
        return new Differ(remote, code, options).run();
    }

    private Result run() {
        tables();
        materializedViews();
        views();
        sqlResources();
        List<Operation> ops = new ArrayList<>();
        ops.addAll(dropMaterializedViews);
        ops.addAll(dropViews);
        ops.addAll(dropResources);
        ops.addAll(dropColumnsAndParts);
        // a Distributed table reads its local tables: created after them, dropped before them
        ops.addAll(distributedFirst(dropTables, remote));
        ops.addAll(createDatabases);
        List<Operation> creates = new ArrayList<>(createTables);
        creates.sort(java.util.Comparator.comparing(op -> isDistributed(op, code)));
        ops.addAll(creates);
        ops.addAll(alterTables);
        ops.addAll(createViews);
        ops.addAll(createMaterializedViews);
        ops.addAll(createResources);
        return new Result(ops, blocked, notes);
    }

    // ---------------------------------------------------------------------------------------------- tables

    private void tables() {
        Set<String> databases = new TreeSet<>();
        for (String key : union(remote.tables().keySet(), code.tables().keySet())) {
            Table c = code.tables().get(key);
            Table r = remote.tables().get(key);
            if (c != null && c.lifeCycle() == LifeCycle.EXTERNALLY_MANAGED) {
                if (r == null) {
                    notes.add("table " + key + " is EXTERNALLY_MANAGED and does not exist: not created");
                } else if (!TableDelta.between(r, c, comments()).isEmpty()) {
                    notes.add("table " + key + " is EXTERNALLY_MANAGED and differs from the code: not changed");
                }
                continue;
            }
            if (c == null) {
                if (r.lifeCycle().allowsDrop()) {
                    dropTables.add(new DropTable(TableRef.of(r)));
                } else {
                    blocked.add("table " + key + " was removed from the code but is " + r.lifeCycle() + ": not dropped");
                }
                continue;
            }
            if (r == null) {
                if (c.database() != null && !options.existingDatabases().contains(c.database()) && databases.add(c.database())) {
                    createDatabases.add(new CreateDatabase(c.database(), c.cluster() != null ? c.cluster() : options.cluster()));
                }
                createTables.add(new CreateTable(c));
                createdTables.add(key);
                continue;
            }
            alter(r, c);
        }
    }

    private boolean comments() {
        return options.capabilities().has(Feature.TABLE_COMMENT);
    }

    private void alter(Table r, Table c) {
        TableDelta d = TableDelta.between(r, c, comments());
        if (d.isEmpty()) {
            return;
        }
        if (d.needsRebuild()) {
            if (!c.lifeCycle().allowsDrop()) {
                blocked.add("table " + c.key() + " needs a rebuild (" + String.join("; ", d.describe()) + ") but is "
                        + c.lifeCycle() + ": not rebuilt");
                return;
            }
            alterTables.add(new RebuildTable(r.toBuilder().cluster(c.cluster()).lifeCycle(c.lifeCycle()).build(), c, true));
            rebuiltTables.add(c.key());
            return;
        }
        TableRef ref = TableRef.of(c);
        for (String[] renamed : d.renamed()) {
            alterTables.add(new RenameTableColumn(ref, renamed[0], renamed[1]));
        }
        for (Column removed : d.removed()) {
            if (c.lifeCycle().allowsDrop()) {
                dropColumnsAndParts.add(new DropTableColumn(ref, removed.name()));
            } else {
                blocked.add("column " + c.key() + "." + removed.name() + " was removed from the code but the table is "
                        + c.lifeCycle() + ": not dropped");
            }
        }
        for (TableIndex i : d.indexesRemoved()) {
            dropColumnsAndParts.add(new DropTableIndex(ref, i.name()));
        }
        for (TableProjection p : d.projectionsRemoved()) {
            dropColumnsAndParts.add(new DropTableProjection(ref, p.name()));
        }
        Set<String> added = new HashSet<>();
        d.added().forEach(a -> added.add(a.name()));
        for (int i = 0; i < c.columns().size(); i++) {
            Column col = c.columns().get(i);
            if (added.contains(col.name())) {
                String after = i == 0 ? null : c.columns().get(i - 1).name();
                alterTables.add(new AddTableColumn(ref, col, after, after == null));
            }
        }
        for (Column[] changed : d.changed()) {
            alterTables.add(new ModifyTableColumn(ref, changed[0], changed[1]));
        }
        if (d.settingsChanged()) {
            alterTables.add(new ModifyTableSettings(ref, mutable(r.settings()), mutable(c.settings())));
        }
        if (d.ttlChanged()) {
            alterTables.add(new ModifyTableTtl(ref, r.ttl(), c.ttl()));
        }
        for (TableIndex i : d.indexesAdded()) {
            alterTables.add(new AddTableIndex(ref, i, true));
        }
        for (TableProjection p : d.projectionsAdded()) {
            alterTables.add(new AddTableProjection(ref, p, true));
        }
        if (d.sampleByChanged()) {
            alterTables.add(c.sampleBy() == null ? new RemoveSampleBy(ref) : new ModifySampleBy(ref, c.sampleBy()));
        }
        if (d.commentChanged()) {
            alterTables.add(new ModifyTableComment(ref, r.comment(), c.comment()));
        }
    }

    private static SortedMap<String, String> mutable(Map<String, String> settings) {
        SortedMap<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (!Equivalence.READ_ONLY_SETTINGS.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    // ---------------------------------------------------------------------------------------------- views

    private void materializedViews() {
        for (String key : union(remote.materializedViews().keySet(), code.materializedViews().keySet())) {
            MaterializedView c = code.materializedViews().get(key);
            MaterializedView r = remote.materializedViews().get(key);
            if (c != null && c.lifeCycle() == LifeCycle.EXTERNALLY_MANAGED) {
                if (r == null || !sameMaterializedView(r, c)) {
                    notes.add("materialized view " + key + " is EXTERNALLY_MANAGED and differs from the code: not changed");
                }
                continue;
            }
            if (c == null) {
                if (r.lifeCycle().allowsDrop()) {
                    dropMaterializedViews.add(dropOf(r));
                } else {
                    blocked.add("materialized view " + key + " was removed from the code but is " + r.lifeCycle() + ": not dropped");
                }
                continue;
            }
            String cluster = code.table(c.targetKey()).map(Table::cluster).orElse(null);
            if (r == null) {
                createMaterializedViews.add(new CreateMaterializedView(c, cluster));
                // A new target starts empty: fill it with what the sources already hold.
                if (createdTables.contains(c.targetKey()) && readsExistingTable(c)) {
                    createMaterializedViews.add(populate(c, false));
                }
            } else if (!sameMaterializedView(r, c)) {
                if (!c.lifeCycle().allowsDrop()) {
                    blocked.add("materialized view " + key + " changed but is " + c.lifeCycle()
                            + ", and changing it means dropping and creating it: not changed");
                    continue;
                }
                dropMaterializedViews.add(dropOf(r));
                createMaterializedViews.add(new CreateMaterializedView(c, cluster));
                createMaterializedViews.add(populate(c, true));
            } else if (rebuiltTables.contains(c.targetKey()) || sourcesOf(c).stream().anyMatch(rebuiltTables::contains)) {
                // A rebuild swaps tables under the view: recreate it on the new table (no backfill, the rows were copied).
                dropMaterializedViews.add(dropOf(r));
                createMaterializedViews.add(new CreateMaterializedView(c, cluster));
            }
        }
    }

    private static boolean sameMaterializedView(MaterializedView a, MaterializedView b) {
        return a.targetKey().equals(b.targetKey()) && Equivalence.sameSelect(a.select(), b.select());
    }

    private DropMaterializedView dropOf(MaterializedView v) {
        String cluster = code.table(v.targetKey()).or(() -> remote.table(v.targetKey())).map(Table::cluster).orElse(null);
        return new DropMaterializedView(v.name(), v.database(), cluster);
    }

    private PopulateMaterializedView populate(MaterializedView v, boolean truncate) {
        return new PopulateMaterializedView(v.name(), v.database(), v.targetTable(), v.targetDatabase(), v.select(), truncate,
                code.table(v.targetKey()).map(Table::cluster).orElse(null));
    }

    private boolean readsExistingTable(MaterializedView v) {
        return sourcesOf(v).stream().anyMatch(k -> options.existingTables().contains(k) || remote.tables().containsKey(k));
    }

    private Set<String> sourcesOf(MaterializedView v) {
        Set<String> out = new LinkedHashSet<>();
        for (Selects.TableName t : Selects.sources(v.select())) {
            out.add(InfraMap.key(t.database() == null ? v.database() : t.database(), t.name()));
        }
        return out;
    }

    private void views() {
        List<View> toCreate = new ArrayList<>();
        List<View> toDrop = new ArrayList<>();
        for (String key : union(remote.views().keySet(), code.views().keySet())) {
            View c = code.views().get(key);
            View r = remote.views().get(key);
            if (c != null && c.lifeCycle() == LifeCycle.EXTERNALLY_MANAGED) {
                if (r == null || !Equivalence.sameSelect(r.select(), c.select())) {
                    notes.add("view " + key + " is EXTERNALLY_MANAGED and differs from the code: not changed");
                }
                continue;
            }
            if (c == null) {
                if (r.lifeCycle().allowsDrop()) {
                    toDrop.add(r);
                } else {
                    blocked.add("view " + key + " was removed from the code but is " + r.lifeCycle() + ": not dropped");
                }
            } else if (r == null) {
                toCreate.add(c);
            } else if (!Equivalence.sameSelect(r.select(), c.select())) {
                if (!c.lifeCycle().allowsDrop()) {
                    blocked.add("view " + key + " changed but is " + c.lifeCycle() + ": not changed");
                    continue;
                }
                toDrop.add(r);
                toCreate.add(c);
            }
        }
        List<View> createOrder = dependencyOrder(toCreate);
        createOrder.forEach(v -> createViews.add(new CreateView(v, options.cluster())));
        List<View> dropOrder = dependencyOrder(toDrop);
        for (int i = dropOrder.size() - 1; i >= 0; i--) {
            dropViews.add(new DropView(dropOrder.get(i).name(), dropOrder.get(i).database(), options.cluster()));
        }
    }

    /** Views that read other views come after them. */
    private static List<View> dependencyOrder(List<View> views) {
        List<View> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        Set<String> keys = new HashSet<>();
        views.forEach(v -> keys.add(v.key()));
        List<View> pending = new ArrayList<>(views);
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (java.util.Iterator<View> it = pending.iterator(); it.hasNext(); ) {
                View v = it.next();
                boolean ready = Selects.sources(v.select()).stream()
                        .map(t -> InfraMap.key(t.database() == null ? v.database() : t.database(), t.name()))
                        .noneMatch(k -> keys.contains(k) && !placed.contains(k) && !k.equals(v.key()));
                if (ready) {
                    ordered.add(v);
                    placed.add(v.key());
                    it.remove();
                    progress = true;
                }
            }
            if (!progress) {
                ordered.addAll(pending); // a cycle: keep name order, the server will say what is wrong
                break;
            }
        }
        return ordered;
    }

    private void sqlResources() {
        for (String key : union(remote.sqlResources().keySet(), code.sqlResources().keySet())) {
            SqlResource c = code.sqlResources().get(key);
            SqlResource r = remote.sqlResources().get(key);
            if (c == null) {
                dropResources.add(new DropSqlResource(r));
            } else if (r == null) {
                createResources.add(new CreateSqlResource(c));
            } else if (!Differences.sameResource(r, c)) {
                dropResources.add(new DropSqlResource(r));
                createResources.add(new CreateSqlResource(c));
            }
        }
    }

    private static TreeSet<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
