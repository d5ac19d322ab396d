package dev.moose.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Writes and compiles a project of annotated classes, like a large user project's {@code target/classes}. */
final class ProjectGenerator {

    private ProjectGenerator() {
    }

    /**
     * {@code tables} annotated records of {@code columns} members each (a mix of the mapped Java types, keys,
     * defaults, nullable and low-cardinality columns), compiled into {@code dir/classes}.
     */
    static Path compile(Path dir, int tables, int columns) {
        try {
            Path classes = dir.resolve("classes");
            Files.createDirectories(classes);
            List<String> files = writeSources(dir.resolve("src"), tables, columns).stream().map(Path::toString).toList();
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                    "-proc:none", "-nowarn"));
            args.addAll(files);
            int rc = javac.run(null, null, null, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("generated sources did not compile");
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the sources of {@link #compile} under {@code sourceRoot} (package {@code bench.gen}); returns the files. */
    static List<Path> writeSources(Path sourceRoot, int tables, int columns) throws IOException {
        Path src = sourceRoot.resolve("bench/gen");
        Files.createDirectories(src);
        List<Path> files = new ArrayList<>();
        Path status = src.resolve("Status.java");
        Files.writeString(status, "package bench.gen;\npublic enum Status { NEW, ACTIVE, DONE }\n");
        files.add(status);
        for (int t = 0; t < tables; t++) {
            Path f = src.resolve("Table" + t + ".java");
            Files.writeString(f, source(t, columns), StandardCharsets.UTF_8);
            files.add(f);
        }
        return files;
    }

    static String source(int t, int columns) {
        StringBuilder sb = new StringBuilder("package bench.gen;\n\nimport dev.moose.annotations.*;\n\n");
        sb.append("@OlapTable(partitionBy = \"toYYYYMM(ts)\")\n");
        sb.append("public record Table").append(t).append("(\n");
        sb.append("    @Key long id,\n    @Key java.time.Instant ts");
        for (int c = 2; c < columns; c++) {
            sb.append(",\n    ");
            switch (c % 8) {
                case 0 -> sb.append("@LowCardinality String s").append(c);
                case 1 -> sb.append("@Nullable String n").append(c);
                case 2 -> sb.append("int i").append(c);
                case 3 -> sb.append("@Default(\"0\") double d").append(c);
                case 4 -> sb.append("java.util.List<String> a").append(c);
                case 5 -> sb.append("Status e").append(c);
                case 6 -> sb.append("java.math.BigDecimal m").append(c);
                default -> sb.append("@Comment(\"column ").append(c).append("\") java.util.UUID u").append(c);
            }
        }
        sb.append(") {\n}\n");
        return sb.toString();
    }
}
