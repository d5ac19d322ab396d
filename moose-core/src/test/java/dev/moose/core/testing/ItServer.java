package dev.moose.core.testing;

import dev.moose.core.server.LocalClickHouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The ClickHouse the {@code it} module's builds share when they need a server URL (drift by hand, credentials from
 * settings.xml): started before the integration tests, stopped after them, by the build itself.
 *
 * <pre>
 * ItServer start &lt;home&gt; &lt;properties file&gt;   writes moose.it.url and moose.it.http (passed to the builds)
 * ItServer stop &lt;home&gt;
 * </pre>
 *
 * The user {@value #USER} has a password, for the tests of {@code moose.serverId} (src/it/settings.xml holds it; it is
 * not in the properties, which the builds see and print with -X); {@code default} has none.
 */
public final class ItServer {

    public static final String USER = "moose_it";
    /** Not a secret: the test asserts it never reaches a log. */
    public static final String PASSWORD = "it-secret-pw-4711";

    private ItServer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("start")) {
            Path home = Path.of(args[1]);
            LocalClickHouse.stopServerIn(home, Duration.ofSeconds(15));
            LocalClickHouse server = LocalClickHouse.builder().home(home).user(USER, PASSWORD).start();
            String properties = "moose.it.url=http://127.0.0.1:" + server.httpPort() + "\n"
                    + "moose.it.http=" + server.httpPort() + "\n";
            Path file = Path.of(args[2]);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, properties, StandardCharsets.UTF_8);
            System.out.println("[moose-it] ClickHouse " + server.version() + " at " + server.httpUrl() + " (pid " + server.pid() + ")");
        } else if (args.length == 2 && args[0].equals("stop")) {
            boolean stopped = LocalClickHouse.stopServerIn(Path.of(args[1]), Duration.ofSeconds(15));
            System.out.println("[moose-it] " + (stopped ? "ClickHouse stopped" : "no ClickHouse was running") + " in " + args[1]);
        } else {
            throw new IllegalArgumentException("usage: ItServer start <home> <properties> | ItServer stop <home>");
        }
    }
}
