package dev.moose.core.api;

import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.api.MigrationFiles;
import dev.moose.core.internal.diff.ChangeLog;
import dev.moose.core.internal.diff.Differ;
import dev.moose.core.internal.introspect.Introspector;
import dev.moose.core.internal.introspect.RemoteSchema;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.InfraMapJson;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.plan.Operation;
import dev.moose.core.scan.ScanRequest;
import dev.moose.core.scan.ScanResult;
import dev.moose.core.scan.SchemaScanner;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import dev.moose.core.version.ServerVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code generate}: scans the code, reads the live database, diffs them and writes {@code plan.yaml},
 * {@code remote_state.json} and {@code local_infra_map.json}. The same code and database always give the same
 * files, byte for byte, but for the plan's {@code created_at}.
 */
public final class Generator {

    /** What a generate run found and did. */
    public record Result(
            MigrationPlan plan,
            InfraMap remoteState,
            InfraMap localInfraMap,
            List<String> changeLog,
            List<String> blocked,
            List<String> notes,
            List<String> unmanaged,
            List<String> unsupported,
            ServerVersion serverVersion,
            int introspectionQueries,
            boolean written) {
    }

    private Generator() {
    }

    /**
     * Runs generate.
     *
     * @param scan            how to scan the code, given the ClickHouse version types are mapped for
     * @param typesFor        the {@code clickhouseVersion} setting, or {@code null} to map types for the connected server
     * @param write           false for a dry run: nothing is written
     */
    public static Result run(ClickHouseConnection connection, Function<ServerVersion, ScanRequest> scan, ServerVersion typesFor,
                             MigrationFiles files, boolean write, MooseLog log) {
        ServerVersion server = connection.version();
        ServerVersion mapping = typesFor != null ? typesFor : server;
        long t0 = System.nanoTime();
        ScanRequest request = scan.apply(mapping);
        ScanResult scanned = SchemaScanner.scan(request);
        InfraMap code = scanned.infraMap();
        scanned.warnings().forEach(log::warn);
        log.info("Scanned " + scanned.classesScanned() + " classes in " + millis(t0) + " ms: " + code.summary()
                + " (types mapped for ClickHouse " + mapping.majorMinor() + ")");

        long t1 = System.nanoTime();
        Comparison cmp = compare(connection, code, request.cluster());
        RemoteSchema remote = cmp.remote();
        log.info("Read " + connection.settings().displayUrl() + " (ClickHouse " + server + ") in " + millis(t1) + " ms with "
                + remote.queries() + " queries");
        remote.registry().problems().forEach(log::warn);
        SortedMap<String, String> unmanaged = remote.unmanaged(code);
        InfraMap remoteState = cmp.remoteState();
        Differ.Result diff = cmp.diff();
        refuseDropsFromAnEmptyScan(code, request, diff.operations());
        Capabilities capabilities = Capabilities.of(server);
        MigrationPlan plan = MigrationPlan.of(diff.operations());
        List<String> unsupported = unsupported(plan.operations(), capabilities);
        if (unsupported.isEmpty()) {
            Preflight.emptyOperations(plan, Preflight.render(plan, remoteState,
                    dev.moose.core.internal.execute.PlanStatements.context(connection, plan.operations()))).forEach(log::warn);
        }
        List<String> changeLog = ChangeLog.lines(plan.operations(), remoteState);

        // A project without declarations, against a database holding none of its objects, gets no files: nothing
        // would ever be checked against them.
        boolean nothing = code.isEmpty() && plan.isEmpty();
        if (write && !nothing) {
            plan.write(files.plan());
            InfraMapJson.write(new InfraMapJson.Snapshot(remoteState, about("server_version", server.toString()), unmanaged),
                    files.remoteState());
            InfraMapJson.write(new InfraMapJson.Snapshot(code, about("clickhouse_version", mapping.majorMinor())), files.localInfraMap());
        }
        return new Result(plan, remoteState, code, changeLog, diff.blocked(), diff.notes(), listing(unmanaged), unsupported,
                server, remote.queries(), write && !nothing);
    }

    /**
     * The live database read and diffed against the code: what generate writes as a plan and dev applies at once.
     *
     * @param remote      everything read, with the registry of managed objects
     * @param remoteState the part of it the code is concerned with ({@link RemoteSchema#relevantTo})
     * @param diff        the operations from {@code remoteState} to the code, with what was blocked
     */
    public record Comparison(RemoteSchema remote, InfraMap remoteState, Differ.Result diff) {
    }

    /**
     * Reads the database (a constant number of queries) and diffs it against {@code code}.
     *
     * @throws MooseException when a table the code declares exists but cannot be read
     */
    public static Comparison compare(ClickHouseConnection connection, InfraMap code, String cluster) {
        RemoteSchema remote = Introspector.introspect(connection, code.namedDatabases());
        for (String key : code.tables().keySet()) {
            String why = remote.unreadable().get(key);
            if (why != null) {
                throw new MooseException("The table " + key + " the code declares exists but cannot be read: " + why);
            }
        }
        Preflight.refuseDisagreeingHosts(connection, code, remote);
        InfraMap remoteState = remote.relevantTo(code);
        Differ.Result diff = Differ.diff(remoteState, code, new Differ.Options(Capabilities.of(connection.version()),
                remote.databases(), remote.everything().tables().keySet(), cluster));
        return new Comparison(remote, remoteState, diff);
    }

    /**
     * A scan that found no declarations (nothing compiled, or a package filter that matches nothing) never plans
     * drops: the plan would remove every managed object because of a build step, not a decision.
     *
     * @throws MooseException naming where the classes were looked for, and what the plan would have dropped
     */
    public static void refuseDropsFromAnEmptyScan(InfraMap code, ScanRequest request, List<Operation> operations) {
        if (!code.isEmpty()) {
            return;
        }
        List<String> drops = operations.stream().filter(Operation::isDestructive).map(Operation::describe).toList();
        if (drops.isEmpty()) {
            return;
        }
        String where = request.classDirectories().isEmpty() ? "no classes directory (nothing is compiled)"
                : "no declarations in " + request.classDirectories().stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "))
                + (request.packages().isEmpty() ? "" : " under the packages " + String.join(", ", request.packages()));
        throw new MooseException("The scan found " + where + ", so the plan would " + String.join("; ", drops)
                + ". Nothing was planned or changed. Compile the project, or check the packages to scan (" + Fix.PACKAGES + "); "
                + "to remove every managed object on purpose, drop them with SQL.");
    }

    /** Operations the server cannot run, one line each: operation, what it needs, the version that has it. */
    public static List<String> unsupported(List<Operation> operations, Capabilities capabilities) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            Operation op = operations.get(i);
            for (Feature f : op.missing(capabilities)) {
                out.add("operation " + (i + 1) + " " + op.name() + " (" + op.describe() + ") needs " + f.description()
                        + ", which arrived in ClickHouse " + f.since() + "; the server is " + capabilities.version());
            }
        }
        return out;
    }

    /** {@code table x}, or {@code object y (why)} when it is left alone for another reason than not being declared. */
    private static List<String> listing(SortedMap<String, String> unmanaged) {
        List<String> out = new ArrayList<>();
        unmanaged.forEach((k, why) -> out.add(why.equals(RemoteSchema.NOT_DECLARED) ? k : k + " (" + why + ")"));
        return out;
    }

    private static SortedMap<String, String> about(String key, String value) {
        SortedMap<String, String> m = new TreeMap<>();
        m.put(key, value);
        return m;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
