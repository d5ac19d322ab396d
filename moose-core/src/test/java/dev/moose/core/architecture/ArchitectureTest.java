package dev.moose.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shape of moose-core, read from its compiled classes: packages without cycles, no Maven. */
class ArchitectureTest {

    private static final String ROOT = "dev.moose.core";

    /** Package to the packages of moose-core its main classes use. */
    private static Map<String, Set<String>> packageGraph(Map<String, Set<String>> outside) {
        Map<String, Set<String>> graph = new TreeMap<>();
        // the main classes only, as compiled for this build
        try (ScanResult scan = new ClassGraph().overrideClasspath(Path.of("target", "classes").toString())
                .enableInterClassDependencies().enableExternalClasses().acceptPackages(ROOT).scan()) {
            for (ClassInfo c : scan.getAllClasses()) {
                String from = c.getPackageName();
                if (!from.startsWith(ROOT)) {
                    continue; // a class outside moose-core that one of its classes uses
                }
                graph.computeIfAbsent(from, k -> new TreeSet<>());
                for (ClassInfo d : c.getClassDependencies()) {
                    String to = d.getPackageName();
                    if (to.startsWith(ROOT) && !to.equals(from)) {
                        graph.get(from).add(to);
                    } else if (!to.startsWith(ROOT)) {
                        outside.computeIfAbsent(to, k -> new TreeSet<>()).add(c.getName());
                    }
                }
            }
        }
        return graph;
    }

    /** Strongly connected components of more than one package (Tarjan). */
    private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, graph, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                      Deque<String> stack, Set<String> onStack, List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }

    @Test
    void packagesHaveNoCycles() {
        Map<String, Set<String>> graph = packageGraph(new TreeMap<>());
        assertThat(graph).containsKeys(ROOT + ".plan", ROOT + ".api", ROOT + ".internal.bookkeeping");
        List<Set<String>> cycles = cycles(graph);
        StringBuilder why = new StringBuilder();
        for (Set<String> c : cycles) {
            for (String p : c) {
                why.append(p).append(" -> ").append(graph.get(p).stream().filter(c::contains).toList()).append('\n');
            }
        }
        assertThat(cycles).as("package cycles:\n%s", why).isEmpty();
    }

    @Test
    void coreUsesNoMaven() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).as("moose-core/pom.xml").doesNotContain("org.apache.maven</groupId>").doesNotContain("org.codehaus.plexus");
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("import org.apache.maven").doesNotContain("import org.codehaus.plexus");
            }
        }
    }

    /**
     * Core speaks no Maven: a fix is a {@link dev.moose.core.Fix}, which the caller shows in its own terms. The one
     * exception is the header plan.yaml carries, which names the goal that checks it.
     */
    @Test
    void coreMessagesNameNoMavenGoalOrProperty() throws IOException {
        java.util.regex.Pattern literal = java.util.regex.Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
        java.util.regex.Pattern maven = java.util.regex.Pattern.compile("mvn |-Dmoose\\.|(?<![\\w.])moose\\.[a-z]");
        List<String> found = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int n = 0; n < lines.size(); n++) {
                    String line = lines.get(n);
                    if (line.strip().startsWith("*") || line.strip().startsWith("//") || line.contains("# lose data are marked DESTRUCTIVE")) {
                        continue;
                    }
                    java.util.regex.Matcher m = literal.matcher(line);
                    while (m.find()) {
                        if (maven.matcher(m.group()).find()) {
                            found.add(f + ":" + (n + 1) + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(found).as("Maven goals or properties in core's messages (use dev.moose.core.Fix)").isEmpty();
    }

    /** The Maven plugin is a caller like any other: it uses the supported API, never an internal package. */
    @Test
    void thePluginUsesOnlyTheSupportedApi() throws IOException {
        Path plugin = Path.of("..", "moose-maven-plugin", "src", "main", "java");
        List<String> internal = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(plugin)) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Files.readAllLines(f).stream().filter(l -> l.startsWith("import dev.moose.core.internal."))
                        .forEach(l -> internal.add(f.getFileName() + ": " + l));
            }
        }
        assertThat(internal).isEmpty();
        try (Stream<Path> infos = Files.walk(Path.of("src", "main", "java"))) {
            for (Path info : infos.filter(p -> p.getFileName().toString().equals("package-info.java")).toList()) {
                String text = Files.readString(info);
                assertThat(text).as(info.toString()).containsAnyOf("Supported API", "Internal (");
                assertThat(text.contains("Internal (")).as(info + " is internal exactly when it is under internal")
                        .isEqualTo(info.toString().contains("internal"));
            }
        }
    }
}
