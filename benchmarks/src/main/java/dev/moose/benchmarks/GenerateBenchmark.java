package dev.moose.benchmarks;

import dev.moose.core.MooseLog;
import dev.moose.core.api.Generator;
import dev.moose.core.api.MigrationFiles;
import dev.moose.core.internal.bookkeeping.StateRegistry;
import dev.moose.core.internal.diff.Differ;
import dev.moose.core.internal.execute.PlanApplier;
import dev.moose.core.model.InfraMap;
import dev.moose.core.scan.ScanRequest;
import dev.moose.core.scan.SchemaScanner;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.LocalClickHouse;
import dev.moose.core.version.Capabilities;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code generate} against a database of N tables × 30 columns that already matches the code (the plan comes
 * out empty, as in a project's everyday use), against its floor: the system-table queries alone, rows read and
 * dropped.
 */
final class GenerateBenchmark {

    private GenerateBenchmark() {
    }

    record Row(Measurement product, Measurement floor, int queries) {
    }

    static List<Benchmarks.Row> run(Path work) {
        List<Benchmarks.Row> rows = new ArrayList<>();
        for (int tables : new int[] {10, 100, 1000, 2000}) {
            Path classes = ProjectGenerator.compile(work.resolve("generate-" + tables), tables, 30);
            try (LocalClickHouse server = LocalClickHouse.builder().start();
                 ClickHouseConnection c = ClickHouseConnection.open(server.connectionSettings("default"))) {
                Benchmarks.clickhouseVersion = server.version().toString();
                ScanRequest request = new ScanRequest(List.of(classes), List.of(), List.of(), c.version());
                InfraMap code = SchemaScanner.scan(request).infraMap();
                PlanApplier.apply(c, Differ.diff(InfraMap.empty(), code,
                        Differ.Options.of(Capabilities.of(c.version()), Set.of("default"), InfraMap.empty())).operations(), InfraMap.empty());
                StateRegistry.of(code).store(c, StateRegistry.empty());
                MigrationFiles files = new MigrationFiles(work.resolve("generate-" + tables).resolve("migrations"));
                int runs = tables >= 1000 ? 5 : 11;
                int[] queries = new int[1];
                Measurement product = Measurement.time("generate (scan, read, diff, write)", tables + " tables x 30 cols", 2, runs, () -> {
                    Generator.Result r = Generator.run(c, v -> request, null, files, true, MooseLog.silent());
                    if (!r.plan().isEmpty()) {
                        throw new IllegalStateException("expected an empty plan, got " + r.plan().operations().size() + " operations");
                    }
                    queries[0] = r.introspectionQueries();
                });
                Measurement floor = Measurement.time("system-table queries alone", tables + " tables x 30 cols", 2, runs, () -> {
                    c.query("SELECT database, name, engine, create_table_query, partition_key, sorting_key, primary_key, sampling_key "
                            + "FROM system.tables WHERE database = 'default'", rs -> rs.getString(4));
                    c.query("SELECT database, table, name, type, default_kind, default_expression, comment FROM system.columns "
                            + "WHERE database = 'default'", rs -> rs.getString(4));
                });
                rows.add(new Benchmarks.Row(product, floor, queries[0] + " queries; target 2x floor + 1 s = "
                        + String.format(java.util.Locale.ROOT, "%.0f ms", 2 * floor.median() + 1000)));
            }
        }
        return rows;
    }
}
