package dev.moose.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moose.core.MooseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClickHouseTest {

    @Test
    void startsAnswersAndStopsWithoutLeavingAProcess() {
        LocalClickHouse server = LocalClickHouse.builder().start();
        long pid = server.pid();
        Path home = server.home();
        try {
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            assertThat(server.version().major()).isGreaterThanOrEqualTo(18);
            try (ClickHouseConnection c = ClickHouseConnection.open(server.connectionSettings("default"))) {
                assertThat(c.queryLong("SELECT 40 + 2")).isEqualTo(42);
                assertThat(c.version()).isEqualTo(server.version());
            }
        } finally {
            server.stop();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(server.isRunning()).isFalse();
        assertThat(home).doesNotExist();
        server.stop(); // a second stop is harmless
    }

    @Test
    void twoServersRunAtOnceOnDifferentPorts() {
        try (LocalClickHouse a = LocalClickHouse.builder().start();
             LocalClickHouse b = LocalClickHouse.builder().start()) {
            assertThat(a.httpPort()).isNotEqualTo(b.httpPort());
            assertThat(a.pid()).isNotEqualTo(b.pid());
            try (ClickHouseConnection ca = ClickHouseConnection.open(a.connectionSettings("default"));
                 ClickHouseConnection cb = ClickHouseConnection.open(b.connectionSettings("default"))) {
                ca.execute("CREATE DATABASE only_on_a");
                assertThat(ca.queryLong("SELECT count() FROM system.databases WHERE name = 'only_on_a'")).isEqualTo(1);
                assertThat(cb.queryLong("SELECT count() FROM system.databases WHERE name = 'only_on_a'")).isZero();
            }
        }
    }

    @Test
    void keptHomeSurvivesARestart(@TempDir Path dir) {
        Path home = dir.resolve("clickhouse");
        long firstPid;
        try (LocalClickHouse first = LocalClickHouse.builder().home(home).start();
             ClickHouseConnection c = ClickHouseConnection.open(first.connectionSettings("default"))) {
            firstPid = first.pid();
            c.execute("CREATE DATABASE kept");
            c.execute("CREATE TABLE kept.t (id UInt64, s String) ENGINE = MergeTree ORDER BY id");
            c.execute("INSERT INTO kept.t VALUES (1, 'one'), (2, 'two')");
        }
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(home.resolve("data")).isDirectory();
        try (LocalClickHouse second = LocalClickHouse.builder().home(home).start();
             ClickHouseConnection c = ClickHouseConnection.open(second.connectionSettings("kept"))) {
            assertThat(c.query("SELECT s FROM t ORDER BY id", rs -> rs.getString(1))).containsExactly("one", "two");
        }
        assertThat(home).isDirectory();
    }

    @Test
    void aServerLeftRunningInAKeptHomeIsStoppedBeforeTheNextStart(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("clickhouse");
        LocalClickHouse orphan = LocalClickHouse.builder().home(home).start();
        long orphanPid = orphan.pid();
        // Simulate a JVM that died without stopping its server: the pid file stays, the process runs on, the
        // process that started it is gone.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(home.resolve("server.owner"), Long.toString(gone.pid()));
        try (LocalClickHouse next = LocalClickHouse.builder().home(home).start()) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(next.pid()).isNotEqualTo(orphanPid);
            assertThat(Files.readString(home.resolve("server.pid")).trim()).isEqualTo(Long.toString(next.pid()));
        } finally {
            orphan.stop();
        }
    }

    @Test
    void aServerWhoseStarterLivesIsSharedNotRestarted(@TempDir Path dir) {
        Path home = dir.resolve("clickhouse");
        try (LocalClickHouse owner = LocalClickHouse.builder().home(home).start();
             ClickHouseConnection c = ClickHouseConnection.open(owner.connectionSettings("default"))) {
            c.execute("CREATE TABLE shared_t (id UInt64) ENGINE = MergeTree ORDER BY id");
            try (LocalClickHouse other = LocalClickHouse.builder().home(home).start();
                 ClickHouseConnection o = ClickHouseConnection.open(other.connectionSettings("default"))) {
                assertThat(other.isAttached()).isTrue();
                assertThat(other.pid()).isEqualTo(owner.pid());
                assertThat(other.httpPort()).isEqualTo(owner.httpPort());
                assertThat(o.queryLong("SELECT count() FROM system.tables WHERE name = 'shared_t'")).isEqualTo(1);
            }
            assertThat(owner.isRunning()).isTrue();
            assertThat(c.queryLong("SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    void aMissingBinaryExplainsHowToInstallClickHouse() {
        assertThatThrownBy(() -> ClickHouseBinary.locate(Map.of("PATH", "/nonexistent/bin"), List.of()))
                .isInstanceOf(MooseException.class)
                .hasMessageContaining("No ClickHouse server binary found")
                .hasMessageContaining("apt-get install clickhouse-server")
                .hasMessageContaining("MOOSE_CLICKHOUSE_BIN");
    }

    @Test
    void aWrongExplicitBinaryIsNamed(@TempDir Path dir) {
        Path notABinary = dir.resolve("clickhouse");
        assertThatThrownBy(() -> ClickHouseBinary.locate(Map.of("MOOSE_CLICKHOUSE_BIN", notABinary.toString()), List.of()))
                .hasMessageContaining("MOOSE_CLICKHOUSE_BIN is set to '" + notABinary + "'")
                .hasMessageContaining("apt-get install clickhouse-server");
    }

    @Test
    void theMultiToolBinaryIsStartedWithItsServerCommand() {
        assertThat(ClickHouseBinary.of(Path.of("/opt/ch/clickhouse")).serverCommand(Path.of("/w/config.xml")))
                .containsExactly("/opt/ch/clickhouse", "server", "--config-file=/w/config.xml");
        assertThat(ClickHouseBinary.of(Path.of("/usr/sbin/clickhouse-server")).serverCommand(Path.of("/w/config.xml")))
                .containsExactly("/usr/sbin/clickhouse-server", "--config-file=/w/config.xml");
    }
}
