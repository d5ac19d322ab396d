package dev.moose.core.api;

import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import dev.moose.core.internal.introspect.RemoteSchema;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.InfraMapJson;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.version.ServerVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A planned migration as {@code moose:generate} wrote it: the plan and the two snapshots it was made from.
 *
 * @param source    where it was read from, for messages
 * @param unmanaged what remote_state.json lists as left alone, with why (see {@link RemoteSchema#unmanaged})
 */
public record MigrationInput(MigrationPlan plan, InfraMap remoteState, InfraMap localInfraMap,
                             Optional<ServerVersion> typesMappedFor, Optional<ServerVersion> generatedAgainst, String source,
                             SortedMap<String, String> unmanaged) {

    public MigrationInput {
        unmanaged = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(unmanaged == null ? Map.of() : unmanaged));
    }

    public MigrationInput(MigrationPlan plan, InfraMap remoteState, InfraMap localInfraMap,
                          Optional<ServerVersion> typesMappedFor, Optional<ServerVersion> generatedAgainst, String source) {
        this(plan, remoteState, localInfraMap, typesMappedFor, generatedAgainst, source, null);
    }

    /**
     * Reads the three files.
     *
     * @throws MooseException naming the missing or broken file (with line and column) and the fix
     */
    public static MigrationInput load(MigrationFiles files) {
        for (var f : new java.nio.file.Path[] {files.plan(), files.remoteState(), files.localInfraMap()}) {
            if (!Files.exists(f)) {
                throw new MooseException(f + " does not exist. A planned migration needs " + MigrationFiles.PLAN + ", "
                        + MigrationFiles.REMOTE_STATE + " and " + MigrationFiles.LOCAL_INFRA_MAP + " in " + files.directory()
                        + "; create them with: " + Fix.GENERATE_AGAINST_DATABASE);
            }
        }
        MigrationPlan plan = MigrationPlan.read(files.plan());
        InfraMapJson.Snapshot remote = InfraMapJson.read(files.remoteState());
        InfraMapJson.Snapshot local = InfraMapJson.read(files.localInfraMap());
        return new MigrationInput(plan, remote.infraMap(), local.infraMap(), version(local, "clickhouse_version"),
                version(remote, "server_version"), files.directory().toString(), remote.unmanaged());
    }

    /**
     * Reads the three files from the classpath ({@code location/plan.yaml} …), for an application that migrates
     * its database when it starts.
     */
    public static MigrationInput fromClasspath(ClassLoader loader, String location) {
        String base = location.endsWith("/") ? location : location + "/";
        String plan = resource(loader, base + MigrationFiles.PLAN);
        String remote = resource(loader, base + MigrationFiles.REMOTE_STATE);
        String local = resource(loader, base + MigrationFiles.LOCAL_INFRA_MAP);
        InfraMapJson.Snapshot localSnapshot = InfraMapJson.parse(local, "classpath:" + base + MigrationFiles.LOCAL_INFRA_MAP);
        InfraMapJson.Snapshot remoteSnapshot = InfraMapJson.parse(remote, "classpath:" + base + MigrationFiles.REMOTE_STATE);
        return new MigrationInput(MigrationPlan.parse(plan, "classpath:" + base + MigrationFiles.PLAN), remoteSnapshot.infraMap(),
                localSnapshot.infraMap(), version(localSnapshot, "clickhouse_version"), version(remoteSnapshot, "server_version"),
                "classpath:" + base, remoteSnapshot.unmanaged());
    }

    private static Optional<ServerVersion> version(InfraMapJson.Snapshot snapshot, String key) {
        String v = snapshot.about().get(key);
        return v == null ? Optional.empty() : Optional.of(ServerVersion.parse(v));
    }

    /** Every database the plan touches: the named ones of both snapshots (the connection's own is always read). */
    public java.util.Set<String> databases() {
        java.util.Set<String> dbs = new java.util.TreeSet<>(remoteState.namedDatabases());
        dbs.addAll(localInfraMap.namedDatabases());
        return dbs;
    }

    /** Where the snapshot says local_infra_map.json is, for messages. */
    public String localInfraMapName() {
        return source.endsWith("/") ? source + MigrationFiles.LOCAL_INFRA_MAP
                : java.nio.file.Path.of(source).resolve(MigrationFiles.LOCAL_INFRA_MAP).toString();
    }

    public String remoteStateName() {
        return source.endsWith("/") ? source + MigrationFiles.REMOTE_STATE
                : java.nio.file.Path.of(source).resolve(MigrationFiles.REMOTE_STATE).toString();
    }

    private static String resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new MooseException("classpath:" + name + " is missing; package the migrations directory as a resource");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MooseException.internal("Cannot read classpath:" + name, e);
        }
    }
}
