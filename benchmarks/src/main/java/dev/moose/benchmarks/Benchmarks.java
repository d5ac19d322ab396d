package dev.moose.benchmarks;

import dev.moose.core.model.InfraMap;
import dev.moose.core.model.InfraMapJson;
import dev.moose.core.scan.ScanRequest;
import dev.moose.core.scan.SchemaScanner;
import dev.moose.core.version.ServerVersion;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the benchmarks and prints one table; also writes it as JSON. Every row has its floor, measured in the same
 * run, and the ratio to it.
 *
 * <pre>mvn -B -Pbenchmarks install -pl benchmarks -am -DskipTests [-Dbenchmarks.include=scan,generate,migrate,verify,dev]</pre>
 */
public final class Benchmarks {

    record Row(Measurement product, Measurement floor, String note) {
        double ratio() {
            return floor == null ? Double.NaN : product.median() / floor.median();
        }
    }

    public static void main(String[] args) throws IOException {
        Set<String> include = Set.of((args.length > 0 ? args[0] : "all").split(","));
        Path output = Path.of(args.length > 1 ? args[1] : "target/benchmarks.json");
        Path work = Files.createTempDirectory("moose-bench-");
        List<Row> rows = new ArrayList<>();
        try {
            if (include.contains("all") || include.contains("scan")) {
                rows.addAll(scan(work));
            }
            if (include.contains("all") || include.contains("generate")) {
                rows.addAll(GenerateBenchmark.run(work));
            }
            if (include.contains("all") || include.contains("migrate")) {
                rows.addAll(MigrateBenchmark.run());
            }
            if (include.contains("all") || include.contains("verify")) {
                rows.addAll(VerifyGoalBenchmark.run(work));
            }
            if (include.contains("all") || include.contains("dev")) {
                rows.addAll(DevBenchmark.run(work));
            }
        } finally {
            deleteRecursively(work);
        }
        print(rows);
        writeJson(rows, output);
    }

    private static List<Row> scan(Path work) {
        List<Row> rows = new ArrayList<>();
        for (int tables : new int[] {10, 100, 1000, 2000}) {
            Path classes = ProjectGenerator.compile(work.resolve("scan-" + tables), tables, 12);
            ScanRequest request = new ScanRequest(List.of(classes), List.of(), List.of(), ServerVersion.CURRENT_LTS);
            int runs = tables >= 1000 ? 7 : 15;
            Measurement product = Measurement.time("scan classes -> infra map", tables + " classes", 3, runs,
                    () -> SchemaScanner.scan(request));
            Measurement floor = Measurement.time("ClassGraph scan alone", tables + " classes", 3, runs, () -> {
                try (ScanResult r = new ClassGraph().enableClassInfo().enableFieldInfo().enableAnnotationInfo()
                        .ignoreFieldVisibility().overrideClasspath(classes.toString()).scan()) {
                    r.getClassesWithAnnotation("dev.moose.annotations.OlapTable").size();
                }
            });
            rows.add(new Row(product, floor, String.format(Locale.ROOT, "%.3f ms per class", product.median() / tables)));
            if (tables == 2000) {
                InfraMap map = SchemaScanner.scan(request).infraMap();
                Measurement json = Measurement.time("infra map JSON write + read", tables + " tables", 3, runs,
                        () -> InfraMapJson.parse(InfraMapJson.write(map)));
                rows.add(new Row(json, null, InfraMapJson.write(map).length() / 1024 + " KiB of JSON"));
            }
        }
        return rows;
    }

    /** The ClickHouse release the benchmarks ran against, set by those that start a server. */
    static volatile String clickhouseVersion = "-";

    /** CPU, cores, memory, OS, Java, ClickHouse: what the numbers depend on. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the rest still describes the machine
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory / (1024 * 1024 * 1024) + " GiB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
                + " (max heap " + Runtime.getRuntime().maxMemory() / 1048576 + " MiB), ClickHouse " + clickhouseVersion;
    }

    private static void print(List<Row> rows) {
        System.out.println();
        System.out.println("Machine: " + machine());
        String format = "%-36s %-22s %10s %7s %10s %9s  %-30s %9s %7s  %s%n";
        System.out.printf(Locale.ROOT, format, "measured", "size", "median ms", "spread", "alloc MiB", "peak MiB", "floor", "floor ms",
                "ratio", "note");
        for (Row r : rows) {
            Measurement p = r.product();
            System.out.printf(Locale.ROOT, format, p.name(), p.size(), String.format(Locale.ROOT, "%.1f", p.median()),
                    String.format(Locale.ROOT, "±%.0f%%", p.spreadPercent()),
                    String.format(Locale.ROOT, "%.1f", p.allocatedBytes() / 1048576.0),
                    String.format(Locale.ROOT, "%.0f", p.peakHeapBytes() / 1048576.0),
                    r.floor() == null ? "-" : r.floor().name(),
                    r.floor() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.floor().median()),
                    r.floor() == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.ratio()), r.note());
        }
    }

    private static void writeJson(List<Row> rows, Path output) throws IOException {
        StringBuilder sb = new StringBuilder("{\n  \"machine\": \"").append(machine().replace("\"", "'")).append("\",\n  \"rows\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append("    {\"product\": ").append(r.product().json())
                    .append(", \"floor\": ").append(r.floor() == null ? "null" : r.floor().json())
                    .append(", \"ratio\": ").append(r.floor() == null ? "null" : String.format(Locale.ROOT, "%.3f", r.ratio()))
                    .append(", \"note\": \"").append(r.note()).append("\"}").append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        sb.append("  ]\n}\n");
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, sb.toString());
        System.out.println("\nWritten to " + output.toAbsolutePath());
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Benchmarks() {
    }
}
