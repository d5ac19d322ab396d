package dev.moose.core.server;

import dev.moose.core.MooseException;
import dev.moose.core.internal.Pause;
import dev.moose.core.version.ServerVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A ClickHouse server this process starts and owns: its own configuration in a home directory, free loopback
 * ports, stopped with TERM (then KILL after a timeout) by {@link #stop()}, {@link #close()} or a JVM shutdown hook.
 *
 * <p>The home directory is either kept ({@link Builder#home(Path)}: the data survives restarts, as the dev goal's
 * embedded database needs) or a temporary one deleted on stop ({@link Builder#ephemeral()}, the default).
 *
 * <pre>{@code
 * try (LocalClickHouse server = LocalClickHouse.builder().start()) {
 *     try (ClickHouseConnection c = ClickHouseConnection.open(server.connectionSettings("default"))) { … }
 * }
 * }</pre>
 */
public final class LocalClickHouse implements AutoCloseable {

    private static final int PORT_ATTEMPTS = 5;
    private static final String PID_FILE = "server.pid";
    /** The process that started the server and stops it; while it lives, others attach instead of starting another. */
    private static final String OWNER_FILE = "server.owner";
    private static final String PORTS_FILE = "server.ports";
    private static final String LOG_FILE = "server.log";

    private final Path home;
    private final boolean ephemeral;
    private final Duration stopTimeout;
    private final ProcessHandle server;
    private final boolean owned;
    private final int httpPort;
    private final int tcpPort;
    private final ServerVersion version;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private LocalClickHouse(Path home, boolean ephemeral, Duration stopTimeout, ProcessHandle server, boolean owned,
                            int httpPort, int tcpPort, ServerVersion version) {
        this.home = home;
        this.ephemeral = ephemeral;
        this.stopTimeout = stopTimeout;
        this.server = server;
        this.owned = owned;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.version = version;
        if (owned) {
            this.shutdownHook = new Thread(this::stopQuietly, "moose-clickhouse-shutdown-" + server.pid());
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for starting a server. */
    public static final class Builder {
        private Path home;
        private ClickHouseBinary binary;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(15);
        private final Map<String, String> users = new LinkedHashMap<>();

        private Builder() {
        }

        /** Keep configuration, data and log in this directory, across starts. */
        public Builder home(Path directory) {
            this.home = directory;
            return this;
        }

        /** Use a temporary directory, deleted when the server stops (the default). */
        public Builder ephemeral() {
            this.home = null;
            return this;
        }

        /** Use this binary instead of looking for one ({@link ClickHouseBinary#locate()}). */
        public Builder binary(ClickHouseBinary binary) {
            this.binary = binary;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /** Adds a user with a password (besides {@code default}, which has none). */
        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /**
         * Starts the server and waits until it answers queries. With a kept {@link #home}, a server another live
         * process started there (a running {@code moose:dev}) is used instead: attached, and left running on close.
         *
         * @throws MooseException when no binary is found or the server does not come up (with the end of its log)
         */
        public LocalClickHouse start() {
            ClickHouseBinary bin = binary != null ? binary : ClickHouseBinary.locate();
            boolean isEphemeral = home == null;
            Path dir;
            try {
                dir = isEphemeral ? Files.createTempDirectory("moose-clickhouse-") : Files.createDirectories(home.toAbsolutePath());
            } catch (IOException e) {
                throw MooseException.internal("Cannot create the ClickHouse home directory " + home, e);
            }
            try {
                return LocalClickHouse.start(bin, dir, isEphemeral, startTimeout, stopTimeout, users);
            } catch (RuntimeException e) {
                if (isEphemeral) {
                    deleteRecursively(dir);
                }
                throw e;
            }
        }
    }

    private static LocalClickHouse start(ClickHouseBinary bin, Path home, boolean ephemeral, Duration startTimeout,
                                         Duration stopTimeout, Map<String, String> users) {
        if (!ephemeral) {
            Optional<LocalClickHouse> running = attach(home, stopTimeout);
            if (running.isPresent()) {
                return running.get();
            }
        }
        // a server left running by a process that died before stopping it
        stopServerIn(home, Duration.ofSeconds(15));
        Path log = home.resolve(LOG_FILE);
        MooseException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int[] ports = attempt == 0 ? previousPorts(home).orElseGet(LocalClickHouse::freePorts) : freePorts();
            writeConfig(home, ports[0], ports[1], users);
            Process process;
            try {
                Files.deleteIfExists(log);
                process = new ProcessBuilder(bin.serverCommand(home.resolve("config.xml")))
                        .directory(home.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new MooseException("Cannot start " + bin.path() + ": " + e.getMessage() + ". " + ClickHouseBinary.INSTALL_HINT, e);
            }
            writeString(home.resolve(PID_FILE), Long.toString(process.pid()));
            try {
                ServerVersion version = awaitReady(process, ports[0], startTimeout, log);
                writeString(home.resolve(PORTS_FILE), "http=" + ports[0] + "\ntcp=" + ports[1] + "\n");
                writeString(home.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
                return new LocalClickHouse(home, ephemeral, stopTimeout, process.toHandle(), true, ports[0], ports[1], version);
            } catch (PortInUse e) {
                kill(process.toHandle(), stopTimeout);
                last = new MooseException(e.getMessage());
            } catch (RuntimeException e) {
                kill(process.toHandle(), stopTimeout);
                throw e;
            }
        }
        throw last;
    }

    /**
     * The server of this home, when it runs and the process that started it still lives (it will stop it): used as
     * it is. A server whose starter died is a leftover, stopped by {@link #stopServerIn} before the next start.
     */
    private static Optional<LocalClickHouse> attach(Path home, Duration stopTimeout) {
        Optional<ProcessHandle> server = runningServer(home);
        Optional<ProcessHandle> owner = readPid(home.resolve(OWNER_FILE)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        Optional<int[]> ports = readPorts(home);
        if (server.isEmpty() || owner.isEmpty() || ports.isEmpty()) {
            return Optional.empty();
        }
        return httpGet(URI.create("http://127.0.0.1:" + ports.get()[0] + "/?query=SELECT%20version()"))
                .map(v -> new LocalClickHouse(home, false, stopTimeout, server.get(), false, ports.get()[0], ports.get()[1],
                        ServerVersion.parse(v.trim())));
    }

    /** The live server process named by the home's pid file, if it is really this home's server. */
    private static Optional<ProcessHandle> runningServer(Path home) {
        String config = home.resolve("config.xml").toString();
        return readPid(home.resolve(PID_FILE)).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(cl -> cl.contains(config)).orElse(false));
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the server running in a kept home directory, whoever started it (TERM, then KILL after the timeout).
     *
     * @return true when a server was running there
     */
    public static boolean stopServerIn(Path home, Duration timeout) {
        Path dir = home.toAbsolutePath();
        Optional<ProcessHandle> running = runningServer(dir);
        running.ifPresent(p -> kill(p, timeout));
        try {
            Files.deleteIfExists(dir.resolve(PID_FILE));
            Files.deleteIfExists(dir.resolve(OWNER_FILE));
        } catch (IOException e) {
            // the next start recognises them as stale
        }
        return running.isPresent();
    }

    private static Optional<int[]> previousPorts(Path home) {
        return readPorts(home).filter(p -> isFree(p[0]) && isFree(p[1]));
    }

    private static Optional<int[]> readPorts(Path home) {
        Path file = home.resolve(PORTS_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            int http = Integer.parseInt(p.getProperty("http"));
            int tcp = Integer.parseInt(p.getProperty("tcp"));
            return Optional.of(new int[] {http, tcp});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int[] freePorts() {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        } catch (IOException e) {
            throw MooseException.internal("Cannot find a free loopback port", e);
        }
    }

    private static void writeConfig(Path home, int httpPort, int tcpPort, Map<String, String> users) {
        Path data = home.resolve("data");
        String config = """
                <?xml version="1.0"?>
                <!-- Written by moose LocalClickHouse; rewritten at every start. -->
                <yandex>
                    <logger>
                        <level>warning</level>
                        <console>true</console>
                    </logger>
                    <listen_host>127.0.0.1</listen_host>
                    <http_port>%d</http_port>
                    <tcp_port>%d</tcp_port>
                    <path>%s/</path>
                    <tmp_path>%s/tmp/</tmp_path>
                    <user_files_path>%s/user_files/</user_files_path>
                    <format_schema_path>%s/format_schemas/</format_schema_path>
                    <users_config>users.xml</users_config>
                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                    <timezone>UTC</timezone>
                    <mark_cache_size>268435456</mark_cache_size>
                    <!-- Idle keep-alive connections would hold up a stop for the default 10 s. -->
                    <keep_alive_timeout>1</keep_alive_timeout>
                </yandex>
                """.formatted(httpPort, tcpPort, xml(data.toString()), xml(data.toString()), xml(data.toString()),
                xml(data.toString()));
        StringBuilder extraUsers = new StringBuilder();
        users.forEach((name, password) -> extraUsers.append("""
                        <%s>
                            <password>%s</password>
                            <networks><ip>::/0</ip></networks>
                            <profile>default</profile>
                            <quota>default</quota>
                        </%s>
                """.formatted(name, xml(password), name)));
        String usersXml = """
                <?xml version="1.0"?>
                <yandex>
                    <profiles>
                        <default/>
                    </profiles>
                    <users>
                        <default>
                            <password></password>
                            <networks><ip>::/0</ip></networks>
                            <profile>default</profile>
                            <quota>default</quota>
                        </default>
                %s    </users>
                    <quotas>
                        <default/>
                    </quotas>
                </yandex>
                """.formatted(extraUsers);
        writeString(home.resolve("config.xml"), config);
        writeString(home.resolve("users.xml"), usersXml);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Thrown inside {@link #start} when the server could not bind its ports; another set is tried. */
    private static final class PortInUse extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortInUse(String message) {
            super(message, null, false, false);
        }
    }

    private static ServerVersion awaitReady(Process process, int httpPort, Duration timeout, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = URI.create("http://127.0.0.1:" + httpPort + "/?query=SELECT%20version()");
        while (true) {
            if (!process.isAlive()) {
                String tail = tail(log, 25);
                if (tail.contains("Address already in use") || tail.contains("Net Exception: Address already in use")) {
                    throw new PortInUse("ClickHouse could not bind port " + httpPort + ": " + tail);
                }
                throw new MooseException("The ClickHouse server exited during start-up (exit code " + process.exitValue()
                        + "). The end of its log " + log + ":\n" + tail);
            }
            Optional<String> answer = httpGet(uri);
            if (answer.isPresent()) {
                return ServerVersion.parse(answer.get().trim());
            }
            if (System.nanoTime() > deadline) {
                throw new MooseException("The ClickHouse server did not answer on port " + httpPort + " within "
                        + timeout.toSeconds() + " s. The end of its log " + log + ":\n" + tail(log, 25));
            }
            Pause.sleep(20, "ClickHouse to start");
        }
    }

    private static Optional<String> httpGet(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            // A kept-alive probe socket would make the server wait for it when told to stop.
            c.setRequestProperty("Connection", "close");
            try {
                if (c.getResponseCode() != 200) {
                    return Optional.empty();
                }
                try (InputStream in = c.getInputStream()) {
                    return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The HTTP port, on 127.0.0.1. */
    public int httpPort() {
        return httpPort;
    }

    /** The native-protocol port, on 127.0.0.1 (for clickhouse-client). */
    public int tcpPort() {
        return tcpPort;
    }

    /** The operating-system process id of the server. */
    public long pid() {
        return server.pid();
    }

    /**
     * True when this is a server another live process started in the same home (a running {@code moose:dev}):
     * {@link #stop()} leaves it running.
     */
    public boolean isAttached() {
        return !owned;
    }

    public ServerVersion version() {
        return version;
    }

    /** The directory holding configuration, data ({@code data/}) and the server log. */
    public Path home() {
        return home;
    }

    public Path dataDirectory() {
        return home.resolve("data");
    }

    public Path logFile() {
        return home.resolve(LOG_FILE);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** {@code jdbc:clickhouse://127.0.0.1:<port>/<database>}, for other tools. */
    public String jdbcUrl(String database) {
        return "jdbc:clickhouse://127.0.0.1:" + httpPort + "/" + database;
    }

    /** How to connect to this server as the {@code default} user. */
    public ConnectionSettings connectionSettings(String database) {
        return ConnectionSettings.local(httpPort, database);
    }

    public boolean isRunning() {
        return !stopped && server.isAlive();
    }

    /**
     * Stops the server (TERM, then KILL after the stop timeout) and, when ephemeral, deletes its home. An attached
     * server is left to the process that started it.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (!owned) {
            return;
        }
        kill(server, stopTimeout);
        try {
            Files.deleteIfExists(home.resolve(PID_FILE));
            Files.deleteIfExists(home.resolve(OWNER_FILE));
        } catch (IOException ignored) {
            // a stale pid file is recognised as such at the next start
        }
        if (ephemeral) {
            deleteRecursively(home);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // we are the shutdown hook, or the JVM is on its way out anyway
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // nothing left to report to during JVM shutdown
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void kill(ProcessHandle handle, Duration timeout) {
        List<ProcessHandle> all = new ArrayList<>();
        handle.descendants().forEach(all::add);
        all.add(handle);
        for (ProcessHandle p : all) {
            p.destroy();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle p : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
                try {
                    p.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // the kernel will reap it; nothing more we can do
                }
            }
        }
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary file is harmless
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "LocalClickHouse[" + httpUrl() + ", ClickHouse " + version + ", pid " + pid() + (owned ? "" : " (attached)")
                + ", home " + home + "]";
    }
}
