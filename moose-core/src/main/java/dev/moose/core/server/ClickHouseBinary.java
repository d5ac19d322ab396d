package dev.moose.core.server;

import dev.moose.core.MooseException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ClickHouse server program on this machine: {@code MOOSE_CLICKHOUSE_BIN} when set, else
 * {@code clickhouse-server} or {@code clickhouse} on the {@code PATH}, else the places Debian and the official
 * packages install them (which a non-root {@code PATH} often lacks).
 */
public record ClickHouseBinary(Path path, boolean multiTool) {

    public static final String ENV_VARIABLE = "MOOSE_CLICKHOUSE_BIN";

    /** Where packages put the server when the PATH does not say. */
    public static final List<Path> WELL_KNOWN_DIRECTORIES = List.of(
            Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/bin"));

    static final String INSTALL_HINT = "Install it with 'apt-get install clickhouse-server' on Debian/Ubuntu "
            + "(or see https://clickhouse.com/docs/install), or set " + ENV_VARIABLE
            + " to the path of a clickhouse-server or clickhouse binary.";

    /** Finds the server binary using this process's environment. */
    public static ClickHouseBinary locate() {
        return locate(System.getenv(), WELL_KNOWN_DIRECTORIES);
    }

    /**
     * Finds the server binary using the given environment ({@code MOOSE_CLICKHOUSE_BIN}, {@code PATH}) and
     * fallback directories.
     *
     * @throws MooseException saying how to install ClickHouse when none is found
     */
    public static ClickHouseBinary locate(Map<String, String> env, List<Path> fallbackDirectories) {
        String explicit = env.get(ENV_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit.trim());
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new MooseException(ENV_VARIABLE + " is set to '" + explicit + "', which is not an executable file. "
                        + INSTALL_HINT);
            }
            return of(p);
        }
        List<Path> dirs = new ArrayList<>();
        String pathVar = env.get("PATH");
        if (pathVar != null) {
            for (String d : pathVar.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        dirs.addAll(fallbackDirectories);
        for (String name : List.of("clickhouse-server", "clickhouse")) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return of(candidate);
                }
            }
        }
        throw new MooseException("No ClickHouse server binary found (looked for clickhouse-server and clickhouse on the PATH"
                + (fallbackDirectories.isEmpty() ? "" : " and in " + fallbackDirectories) + "). " + INSTALL_HINT);
    }

    /** A binary at a known path; {@code clickhouse} (the multi-tool) is started with its {@code server} command. */
    public static ClickHouseBinary of(Path path) {
        return new ClickHouseBinary(path, path.getFileName().toString().equals("clickhouse"));
    }

    /** The command line that starts a server with this configuration file. */
    public List<String> serverCommand(Path configFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(path.toString());
        if (multiTool) {
            cmd.add("server");
        }
        cmd.add("--config-file=" + configFile);
        return cmd;
    }
}
