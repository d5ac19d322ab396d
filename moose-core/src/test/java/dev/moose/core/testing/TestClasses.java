package dev.moose.core.testing;

import dev.moose.core.scan.ScanRequest;
import dev.moose.core.version.ServerVersion;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Scans of the fixture classes compiled with the tests. */
public final class TestClasses {

    private TestClasses() {
    }

    /** The directory the test classes are compiled to. */
    public static Path directory() {
        try {
            return Path.of(TestClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A scan of the test classes in {@code packageName}, types mapped for {@code version}. */
    public static ScanRequest scan(String packageName, ServerVersion version) {
        return new ScanRequest(List.of(directory()), List.of(), List.of(packageName), version);
    }
}
