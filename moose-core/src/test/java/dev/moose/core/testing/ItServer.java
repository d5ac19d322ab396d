package dev.moose.core.testing;

import dev.moose.core.server.LocalClickHouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The ClickHouse servers the {@code it} module's builds share when they need a server URL (drift by hand,
 * credentials from settings.xml, the seed plans): ClickHouse 18.16 and ClickHouse 26.5 (chdb-wasm), started before
 * the integration tests, stopped after them, by the build itself.
 *
 * <pre>
 * ItServer start &lt;home&gt; &lt;properties file&gt;   writes moose.it.url (18.16) and moose.it.url26 (26.5)
 * ItServer stop &lt;home&gt;
 * </pre>
 *
 * The user {@value #USER} has a password on both, for the tests of {@code moose.serverId} (src/it/settings.xml holds
 * it; it is not in the properties, which the builds see and print with -X); {@code default} has none.
 */
public final class ItServer {

    public static final String USER = "moose_it";
    /** Not a secret: the test asserts it never reaches a log. */
    public static final String PASSWORD = "it-secret-pw-4711";
    private static final String WASM_PID_FILE = "wasm.pid";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private ItServer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("start")) {
            Path home = Path.of(args[1]);
            stop(home);
            LocalClickHouse server = LocalClickHouse.builder().home(home).user(USER, PASSWORD).start();
            WasmClickHouse wasm = WasmClickHouse.start(Map.of(USER, PASSWORD));
            Files.writeString(home.resolve(WASM_PID_FILE), Long.toString(wasm.pid()), StandardCharsets.UTF_8);
            String properties = "moose.it.url=http://127.0.0.1:" + server.httpPort() + "\n"
                    + "moose.it.url26=" + wasm.httpUrl() + "\n";
            Path file = Path.of(args[2]);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, properties, StandardCharsets.UTF_8);
            System.out.println("[moose-it] ClickHouse " + server.version() + " at " + server.httpUrl() + " (pid " + server.pid() + ")");
            System.out.println("[moose-it] " + wasm);
        } else if (args.length == 2 && args[0].equals("stop")) {
            stop(Path.of(args[1]));
        } else {
            throw new IllegalArgumentException("usage: ItServer start <home> <properties> | ItServer stop <home>");
        }
    }

    private static void stop(Path home) throws IOException {
        boolean stopped = LocalClickHouse.stopServerIn(home, STOP_TIMEOUT);
        System.out.println("[moose-it] " + (stopped ? "ClickHouse 18.16 stopped" : "no ClickHouse 18.16 was running") + " in " + home);
        Path pidFile = home.resolve(WASM_PID_FILE);
        if (Files.exists(pidFile)) {
            Optional<ProcessHandle> wasm = ProcessHandle.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim()))
                    .filter(p -> p.info().command().map(c -> c.endsWith("/node")).orElse(false));
            wasm.ifPresent(p -> {
                p.destroy();
                p.onExit().orTimeout(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                        .exceptionally(e -> { p.destroyForcibly(); return p; }).join();
                System.out.println("[moose-it] ClickHouse 26.5 (chdb-wasm, pid " + p.pid() + ") stopped");
            });
            Files.delete(pidFile);
        }
    }
}
