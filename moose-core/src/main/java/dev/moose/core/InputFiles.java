package dev.moose.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the files a user hands over (the plan, the snapshots), within a size no real one comes near. */
public final class InputFiles {

    /** 64 MB: a plan creating 2,500 tables of 30 columns is about 8 MB. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private InputFiles() {
    }

    /**
     * The file's text.
     *
     * @throws MooseException when it is larger than {@link #MAX_BYTES}, before reading it
     * @throws IOException    when it cannot be read
     */
    public static String read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new MooseException(file + " is " + size / (1024 * 1024) + " MB, more than the " + MAX_BYTES / (1024 * 1024)
                    + " MB this tool reads: it is not a file it wrote. Restore it from version control, or regenerate it.");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
