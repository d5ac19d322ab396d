package dev.moose.core.internal.introspect;

import dev.moose.core.internal.bookkeeping.StateRegistry;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.SqlResource;
import dev.moose.core.model.Table;
import dev.moose.core.model.View;
import dev.moose.core.version.ServerVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything read from the live server: every table, view and materialized view of the databases read (with the
 * connection's database as {@code null}), the registry of what migrations manage, the databases that exist, and
 * objects that could not be read.
 *
 * @param queries how many queries it took (constant, whatever the number of tables)
 */
public record RemoteSchema(
        InfraMap everything,
        StateRegistry registry,
        Set<String> databases,
        SortedMap<String, String> unreadable,
        SortedMap<String, References> references,
        ServerVersion version,
        int queries) {

    public RemoteSchema {
        databases = Set.copyOf(databases);
        unreadable = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(unreadable));
        references = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(references));
    }

    /**
     * The part of the database the project is concerned with: objects the code declares plus objects the registry
     * says migrations manage (a removed class's table must still be seen to be dropped). This is what
     * {@code remote_state.json} holds and what drift checks compare.
     */
    public InfraMap relevantTo(InfraMap code) {
        List<Table> tables = new ArrayList<>();
        everything.tables().forEach((k, t) -> {
            if (code.tables().containsKey(k) || registry.manages("table", k)) {
                tables.add(t.toBuilder().lifeCycle(registry.lifeCycle("table", k)).build());
            }
        });
        List<MaterializedView> mvs = new ArrayList<>();
        everything.materializedViews().forEach((k, v) -> {
            if (code.materializedViews().containsKey(k) || registry.manages("materialized_view", k)) {
                mvs.add(new MaterializedView(v.name(), v.database(), v.targetTable(), v.targetDatabase(), v.select(),
                        registry.lifeCycle("materialized_view", k)));
            }
        });
        List<View> views = new ArrayList<>();
        everything.views().forEach((k, v) -> {
            if (code.views().containsKey(k) || registry.manages("view", k)) {
                views.add(new View(v.name(), v.database(), v.select(), registry.lifeCycle("view", k)));
            }
        });
        return InfraMap.of(tables, mvs, views, everything.sqlResources().values());
    }

    /**
     * Objects of the databases read that neither the code nor the registry claims, or that the model cannot express:
     * listed, never touched. Keys are {@code kind name} ({@code table events}, {@code object dict}), values why.
     */
    public SortedMap<String, String> unmanaged(InfraMap code) {
        SortedMap<String, String> out = new TreeMap<>();
        everything.tables().keySet().stream()
                .filter(k -> !code.tables().containsKey(k) && !registry.manages("table", k))
                .forEach(k -> out.put("table " + k, NOT_DECLARED + mattering(k, code)));
        everything.materializedViews().keySet().stream()
                .filter(k -> !code.materializedViews().containsKey(k) && !registry.manages("materialized_view", k))
                .forEach(k -> out.put("materialized view " + k, NOT_DECLARED + mattering(k, code)));
        everything.views().keySet().stream()
                .filter(k -> !code.views().containsKey(k) && !registry.manages("view", k))
                .forEach(k -> out.put("view " + k, NOT_DECLARED + mattering(k, code)));
        unreadable.forEach((k, why) -> out.put("object " + k, why + mattering(k, code)));
        return out;
    }

    /**
     * Of the objects left alone, those whose definition names a table the project manages (an MV reading it, a view
     * over it, a Buffer in front of it): changes to these matter to the project, so they are recorded with a
     * fingerprint of their definition and compared before a plan runs. Empty text for the others.
     */
    private String mattering(String key, InfraMap code) {
        References r = references.get(key);
        if (r == null) {
            return "";
        }
        // the code's tables only: the same set when the plan is generated and when it runs, whatever the registry says
        List<String> managed = r.tables().stream().filter(t -> code.tables().containsKey(t)).toList();
        return managed.isEmpty() ? "" : "; " + REFERS + String.join(", ", managed) + " (definition " + r.fingerprint() + ")";
    }

    /** Why an object the code could declare is left alone. */
    public static final String NOT_DECLARED = "not declared in the code";

    /** The words that mark an unmanaged object whose definition names a managed table. */
    public static final String REFERS = "refers to managed table ";

    /** The entries of an {@link #unmanaged} listing that matter to the project ({@link #REFERS}). */
    public static SortedMap<String, String> mattering(SortedMap<String, String> unmanaged) {
        SortedMap<String, String> out = new TreeMap<>();
        unmanaged.forEach((k, v) -> {
            if (v.contains("; " + REFERS)) {
                out.put(k, v.substring(v.indexOf("; " + REFERS) + 2));
            }
        });
        return out;
    }
}
