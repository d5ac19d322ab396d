package dev.moose.core.testing;

import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ConnectionSettings;
import dev.moose.core.server.LocalClickHouse;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A ClickHouse cluster on loopback: two 18.16 server processes and a ZooKeeper server inside this JVM, started
 * once per test run (at first use) and stopped when the JVM ends, leaving no process and no directory behind.
 *
 * <p>The two servers form two clusters at once:
 * <ul>
 *   <li>{@value #TWO_REPLICAS}: one shard of two replicas (macros {@code shard} = 01 on both, {@code replica} =
 *       ch1 / ch2): Replicated tables;</li>
 *   <li>{@value #TWO_SHARDS}: two shards of one replica each: plain MergeTree tables, Distributed over them.</li>
 * </ul>
 */
public final class LocalCluster implements AutoCloseable {

    public static final String TWO_REPLICAS = "two_replicas";
    public static final String TWO_SHARDS = "two_shards";
    private static final int NODES = 2;

    private static LocalCluster shared;

    private final Path root;
    private final ServerCnxnFactory zookeeper;
    private final List<Node> nodes;

    /** One server of the cluster: its name (the {@code replica} macro), ports and process. */
    public record Node(String name, int httpPort, int tcpPort, LocalClickHouse server) {
        public ConnectionSettings settings(String database) {
            return server.connectionSettings(database);
        }

        public ClickHouseConnection connect(String database) {
            return ClickHouseConnection.open(settings(database));
        }

        /** A URL of a database on this node, as a child process or a goal takes it. */
        public String url(String database) {
            return "http://default@127.0.0.1:" + httpPort + "/" + database;
        }
    }

    private LocalCluster(Path root, ServerCnxnFactory zookeeper, List<Node> nodes) {
        this.root = root;
        this.zookeeper = zookeeper;
        this.nodes = nodes;
    }

    /** The cluster of this test run, started at first use. */
    public static synchronized LocalCluster shared() {
        if (shared == null) {
            shared = start();
            LocalCluster started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "moose-test-cluster-stop"));
        }
        return shared;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    /** A fresh database on every node ({@code CREATE DATABASE … ON CLUSTER}), dropped by the returned handle. */
    public ClusterDatabase createDatabase(String prefix) {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        try (ClickHouseConnection c = nodes.get(0).connect("default")) {
            c.execute("CREATE DATABASE `" + name + "` ON CLUSTER `" + TWO_SHARDS + "`");
        }
        return new ClusterDatabase(this, name);
    }

    /** A database that exists on every node of the cluster; dropped on close. */
    public record ClusterDatabase(LocalCluster cluster, String name) implements AutoCloseable {
        public ClickHouseConnection connect(int node) {
            return cluster.node(node).connect(name);
        }

        public String url(int node) {
            return cluster.node(node).url(name);
        }

        @Override
        public void close() {
            try (ClickHouseConnection c = cluster.node(0).connect("default")) {
                c.execute("DROP DATABASE IF EXISTS `" + name + "` ON CLUSTER `" + TWO_SHARDS + "`");
            }
        }
    }

    private static LocalCluster start() {
        Path root;
        try {
            root = Files.createTempDirectory("moose-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerCnxnFactory zk = startZooKeeper(root.resolve("zookeeper"));
        List<Node> nodes = new ArrayList<>();
        try {
            int[][] ports = new int[NODES][];
            for (int i = 0; i < NODES; i++) {
                ports[i] = new int[] {freePort(), freePort(), freePort()};
            }
            for (int i = 0; i < NODES; i++) {
                Path home = Files.createDirectories(root.resolve("ch" + (i + 1)));
                Files.writeString(home.resolve("server.ports"), "http=" + ports[i][0] + "\ntcp=" + ports[i][1] + "\n");
                Files.createDirectories(home.resolve("config.d"));
                Files.writeString(home.resolve("config.d/cluster.xml"), clusterConfig(i, ports, zk.getLocalPort()));
                LocalClickHouse server = LocalClickHouse.builder().home(home).stopTimeout(Duration.ofSeconds(10)).start();
                if (server.httpPort() != ports[i][0] || server.tcpPort() != ports[i][1]) {
                    server.stop();
                    throw new IllegalStateException("cluster node ch" + (i + 1) + " did not get its ports (taken meanwhile)");
                }
                nodes.add(new Node("ch" + (i + 1), ports[i][0], ports[i][1], server));
            }
        } catch (IOException | RuntimeException e) {
            nodes.forEach(n -> n.server().stop());
            zk.shutdown();
            deleteRecursively(root);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return new LocalCluster(root, zk, List.copyOf(nodes));
    }

    private static String clusterConfig(int self, int[][] ports, int zookeeperPort) {
        StringBuilder replicas = new StringBuilder();
        StringBuilder shards = new StringBuilder();
        for (int[] p : ports) {
            String replica = "<replica><host>127.0.0.1</host><port>" + p[1] + "</port></replica>";
            replicas.append(replica);
            shards.append("<shard><internal_replication>true</internal_replication>").append(replica).append("</shard>");
        }
        return """
                <?xml version="1.0"?>
                <yandex>
                    <interserver_http_port>%d</interserver_http_port>
                    <interserver_http_host>127.0.0.1</interserver_http_host>
                    <zookeeper>
                        <node><host>127.0.0.1</host><port>%d</port></node>
                        <session_timeout_ms>30000</session_timeout_ms>
                    </zookeeper>
                    <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
                    <macros><shard>01</shard><replica>ch%d</replica></macros>
                    <remote_servers>
                        <%s><shard><internal_replication>true</internal_replication>%s</shard></%s>
                        <%s>%s</%s>
                    </remote_servers>
                </yandex>
                """.formatted(ports[self][2], zookeeperPort, self + 1, TWO_REPLICAS, replicas, TWO_REPLICAS,
                TWO_SHARDS, shards, TWO_SHARDS);
    }

    private static ServerCnxnFactory startZooKeeper(Path dir) {
        System.setProperty("zookeeper.admin.enableServer", "false");
        try {
            File data = Files.createDirectories(dir).toFile();
            ZooKeeperServer server = new ZooKeeperServer(data, data, 500);
            ServerCnxnFactory factory = ServerCnxnFactory.createFactory(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            factory.startup(server);
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops one node's server (SIGKILL when {@code kill}) and starts it again on the same ports and data. */
    public void restart(int index, boolean kill) {
        Node n = nodes.get(index);
        if (kill) {
            ProcessHandle.of(n.server().pid()).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        } else {
            n.server().stop();
        }
        LocalClickHouse again = LocalClickHouse.builder().home(root.resolve(n.name())).stopTimeout(Duration.ofSeconds(10)).start();
        nodes.set(index, new Node(n.name(), again.httpPort(), again.tcpPort(), again));
    }

    @Override
    public synchronized void close() {
        for (Node n : nodes) {
            n.server().stop();
        }
        zookeeper.shutdown();
        deleteRecursively(root);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
