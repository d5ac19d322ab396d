package dev.moose.core.version;

import dev.moose.core.MooseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse release, compared by major, minor and patch ({@code 18.16.1}, {@code 24.8.4.13}).
 * The build number and anything after it are kept for display but do not take part in ordering.
 */
public record ServerVersion(int major, int minor, int patch, String text) implements Comparable<ServerVersion> {

    private static final Pattern VERSION = Pattern.compile("^\\s*(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?[0-9A-Za-z.\\-_+]*\\s*$");

    /** The release our defaults target when nothing else is known: a current long-term-support line. */
    public static final ServerVersion CURRENT_LTS = parse("26.3");

    public ServerVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version component in " + text);
        }
        if (text == null || text.isBlank()) {
            text = major + "." + minor + (patch > 0 ? "." + patch : "");
        }
    }

    public static ServerVersion of(int major, int minor) {
        return new ServerVersion(major, minor, 0, major + "." + minor);
    }

    /**
     * Parses {@code 18.16}, {@code 18.16.1}, {@code 24.8.4.13}, {@code 25.3.1.2703-lts}.
     *
     * @throws MooseException naming the text and the expected form
     */
    public static ServerVersion parse(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new MooseException("'" + text + "' is not a ClickHouse version: expected major.minor[.patch], "
                    + "for example 24.8 or 18.16.1");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new ServerVersion(major, minor, patch, text.trim());
    }

    /** True when this release is {@code major.minor} or newer. */
    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    public boolean atLeast(ServerVersion other) {
        return compareTo(other) >= 0;
    }

    /** {@code major.minor}, the granularity at which features arrive. */
    public String majorMinor() {
        return major + "." + minor;
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerVersion v && v.major == major && v.minor == minor && v.patch == patch;
    }

    @Override
    public int hashCode() {
        return (major * 1000 + minor) * 1000 + patch;
    }

    @Override
    public String toString() {
        return text;
    }
}
