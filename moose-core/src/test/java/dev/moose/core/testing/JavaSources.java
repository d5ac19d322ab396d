package dev.moose.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles Java sources into a classes directory, as an IDE's compile-on-save or {@code mvn compile} would. */
public final class JavaSources {

    private JavaSources() {
    }

    /**
     * Compiles {@code sources} (fully qualified class name → source text) into {@code classes}, against the test
     * classpath (which holds the annotations) and {@code classes} itself.
     *
     * @throws IllegalStateException with the compiler's output when a source does not compile
     */
    public static void compile(Path classes, Map<String, String> sources) {
        try {
            Path src = Files.createTempDirectory("moose-src-");
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path") + java.io.File.pathSeparator + classes, "-proc:none", "-nowarn"));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            Files.createDirectories(classes);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rc = javac.run(null, out, out, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("javac failed for " + sources.keySet() + ": " + out.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a class's class files (nested classes too), as the build does when its source is removed. */
    public static void delete(Path classes, String className) {
        Path file = classes.resolve(className.replace('.', '/') + ".class");
        String nested = file.getFileName().toString().replace(".class", "$");
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            for (Path p : siblings.toList()) {
                String name = p.getFileName().toString();
                if (p.equals(file) || (name.startsWith(nested) && name.endsWith(".class"))) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
