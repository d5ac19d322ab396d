package dev.moose.core.scan;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classes the annotated classes refer to but the main scan did not cover (another package, a dependency): each
 * is read on demand from the whole classpath, one small scan per class, and kept until {@link #close()}.
 */
final class ExternalClasses implements AutoCloseable {

    private final List<String> classpath;
    private final Map<String, Optional<ClassInfo>> found = new HashMap<>();
    private final List<ScanResult> open = new ArrayList<>();

    ExternalClasses(List<Path> classpath) {
        this.classpath = classpath.stream().map(Path::toString).toList();
    }

    Optional<ClassInfo> find(String className) {
        if (className.startsWith("java.") || className.startsWith("javax.")) {
            return Optional.empty();
        }
        return found.computeIfAbsent(className, this::scanFor);
    }

    private Optional<ClassInfo> scanFor(String className) {
        ScanResult result = new ClassGraph()
                .enableClassInfo()
                .enableFieldInfo()
                .enableAnnotationInfo()
                .ignoreFieldVisibility()
                .ignoreClassVisibility()
                .overrideClasspath(classpath)
                .acceptClasses(className)
                .scan();
        open.add(result);
        ClassInfo ci = result.getClassInfo(className);
        return ci == null || ci.isExternalClass() ? Optional.empty() : Optional.of(ci);
    }

    @Override
    public void close() {
        open.forEach(ScanResult::close);
        open.clear();
    }
}
