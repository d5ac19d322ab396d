package dev.moose.benchmarks;

import dev.moose.core.MooseLog;
import dev.moose.core.api.MigrationInput;
import dev.moose.core.api.Migrator;
import dev.moose.core.model.Column;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.Table;
import dev.moose.core.plan.AddTableColumn;
import dev.moose.core.plan.CreateTable;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.RenderContext;
import dev.moose.core.plan.TableRef;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.LocalClickHouse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code migrate} of a plan of N operations (a fifth CREATE TABLE, the rest ADD COLUMN) with every check, the lock and
 * the journal, against its floor: the same statements sent one by one over HTTP with the JDK's client.
 */
final class MigrateBenchmark {

    private MigrateBenchmark() {
    }

    static List<Benchmarks.Row> run() {
        List<Benchmarks.Row> rows = new ArrayList<>();
        for (int size : new int[] {10, 100, 500, 1000, 2000}) {
            try (LocalClickHouse server = LocalClickHouse.builder().start();
                 ClickHouseConnection admin = ClickHouseConnection.open(server.connectionSettings("default"))) {
                Benchmarks.clickhouseVersion = server.version().toString();
                int tables = Math.max(1, size / 5);
                List<Operation> ops = new ArrayList<>();
                List<Table> finalTables = new ArrayList<>();
                for (int t = 0; t < tables; t++) {
                    Table base = Table.builder("t" + t).column("id", "UInt64").orderBy("id").build();
                    ops.add(new CreateTable(base));
                    Table.Builder grown = base.toBuilder();
                    String after = "id";
                    for (int c = 0; c < 4 && ops.size() < size + tables; c++) {
                        Column col = Column.of("c" + c, "String");
                        ops.add(new AddTableColumn(TableRef.of("t" + t), col, after, false));
                        grown.column(col);
                        after = col.name();
                    }
                    finalTables.add(grown.build());
                }
                List<Operation> plan = ops.subList(0, size);
                InfraMap target = MigrationPlan.of(plan).simulate(InfraMap.empty());
                MigrationInput in = new MigrationInput(MigrationPlan.of(plan), InfraMap.empty(), target, Optional.empty(),
                        Optional.of(admin.version()), "bench");
                List<String> statements = new ArrayList<>();
                plan.forEach(op -> statements.addAll(op.render(RenderContext.of(admin.version()))));
                int[] db = {0};
                HttpClient http = HttpClient.newHttpClient();
                Measurement[] m = Measurement.interleaved("migrate (checks, lock, journal)", "the statements over HTTP",
                        size + " operations", size >= 1000 ? 1 : 2, size >= 1000 ? 5 : 9, () -> {
                            String name = "bench_" + db[0]++;
                            admin.execute("CREATE DATABASE " + name);
                            try (ClickHouseConnection c = ClickHouseConnection.open(server.connectionSettings(name))) {
                                Migrator.Result r = Migrator.migrate(c, in, null, Migrator.Options.defaults(), MooseLog.silent());
                                if (r.executed() != size) {
                                    throw new IllegalStateException("ran " + r.executed());
                                }
                            }
                        }, () -> {
                            String name = "floor_" + db[0]++;
                            post(http, server.httpPort(), "default", "CREATE DATABASE " + name);
                            for (String s : statements) {
                                post(http, server.httpPort(), name, s);
                            }
                        });
                Measurement product = m[0];
                Measurement floor = m[1];
                rows.add(new Benchmarks.Row(product, floor, size == 500 ? "target 1.2x" : ""));
            }
        }
        return rows;
    }

    private static void post(HttpClient http, int port, String database, String sql) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?database="
                        + URLEncoder.encode(database, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
