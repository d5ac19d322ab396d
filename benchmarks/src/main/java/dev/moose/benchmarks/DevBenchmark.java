package dev.moose.benchmarks;

import dev.moose.core.MooseLog;
import dev.moose.core.api.DevLoop;
import dev.moose.core.scan.ScanRequest;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.LocalClickHouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code moose:dev}: from a class file changing (one table gains or loses a column) to the change applied, in a
 * project of N tables, compilation excluded: the two versions of the class are compiled beforehand and copied over
 * each other. The floor is the quiet period the watcher waits for a compilation's burst to end.
 */
final class DevBenchmark {

    private DevBenchmark() {
    }

    static List<Benchmarks.Row> run(Path work) {
        List<Benchmarks.Row> rows = new java.util.ArrayList<>();
        for (int tables : new int[] {10, 200}) {
            rows.add(measure(work.resolve("dev-" + tables), tables));
        }
        return rows;
    }

    private static Benchmarks.Row measure(Path dir, int tables) {
        Path classes = ProjectGenerator.compile(dir.resolve("a"), tables, 12);
        // Table0 with one column more, compiled apart
        Path wider = ProjectGenerator.compile(dir.resolve("b"), 1, 13);
        Path narrowClass = dir.resolve("narrow.class");
        Path wideClass = wider.resolve("bench/gen/Table0.class");
        Path target = classes.resolve("bench/gen/Table0.class");
        copy(target, narrowClass);
        DevLoop.Options options = DevLoop.Options.defaults();
        BlockingQueue<DevLoop.Round> rounds = new LinkedBlockingQueue<>();
        try (LocalClickHouse server = LocalClickHouse.builder().start();
             ClickHouseConnection c = ClickHouseConnection.open(server.connectionSettings("default"))) {
            Benchmarks.clickhouseVersion = server.version().toString();
            DevLoop loop = new DevLoop(c, v -> new ScanRequest(List.of(classes), List.of(), List.of(), v), null, List.of(classes),
                    options.toBuilder().listener(rounds::add).build(), MooseLog.silent());
            Thread runner = new Thread(loop::run, "dev-benchmark");
            runner.start();
            try {
                take(rounds);
                boolean[] wide = {false};
                Measurement m = Measurement.time("dev: class file changed -> applied", tables + " tables, 1 column", 2, 11, () -> {
                    wide[0] = !wide[0];
                    copy(wide[0] ? wideClass : narrowClass, target);
                    DevLoop.Round r = take(rounds);
                    if (r.outcome() != DevLoop.Outcome.APPLIED || r.applied() != 1) {
                        throw new IllegalStateException("expected one operation applied, got " + r);
                    }
                });
                return new Benchmarks.Row(m, null, "includes the " + options.quietPeriod().toMillis() + " ms quiet period; target 2000 ms");
            } finally {
                loop.close();
                runner.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static DevLoop.Round take(BlockingQueue<DevLoop.Round> rounds) {
        try {
            DevLoop.Round r = rounds.poll(60, TimeUnit.SECONDS);
            if (r == null) {
                throw new IllegalStateException("no round within 60 s");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
