package dev.moose.core.scan;

import dev.moose.core.version.ServerVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to scan.
 *
 * @param classDirectories the project's compiled classes (directories or JARs): annotated classes are looked for here
 * @param classpath        the project's dependencies: only consulted to read types the annotated classes refer to
 * @param packages         limits the search to these packages (and their subpackages); empty means all
 * @param clickhouseVersion the release the Java types are mapped for
 * @param cluster           the project's cluster: tables that name none are created {@code ON CLUSTER} it, and
 *                          so are views, materialized views and databases; {@code null} for none
 */
public record ScanRequest(List<Path> classDirectories, List<Path> classpath, List<String> packages, ServerVersion clickhouseVersion,
                          String cluster) {

    public ScanRequest {
        classDirectories = List.copyOf(classDirectories);
        classpath = classpath == null ? List.of() : List.copyOf(classpath);
        packages = packages == null ? List.of() : packages.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        Objects.requireNonNull(clickhouseVersion, "clickhouseVersion");
        cluster = cluster == null || cluster.isBlank() ? null : cluster.strip();
    }

    public ScanRequest(List<Path> classDirectories, List<Path> classpath, List<String> packages, ServerVersion clickhouseVersion) {
        this(classDirectories, classpath, packages, clickhouseVersion, null);
    }

    public ScanRequest withCluster(String projectCluster) {
        return new ScanRequest(classDirectories, classpath, packages, clickhouseVersion, projectCluster);
    }

    public static ScanRequest of(List<Path> classDirectories, ServerVersion version) {
        return new ScanRequest(classDirectories, List.of(), List.of(), version);
    }
}
