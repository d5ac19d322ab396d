package dev.moose.core.execute;

import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ClickHouseException;
import dev.moose.core.server.ConnectionSettings;
import dev.moose.core.sql.Sql;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure two migrations never run at once against one database. The lock is the table {@value #TABLE}:
 * creating a table that exists fails (code 57), which makes taking it a compare-and-set on any server version.
 * The holder renews it while it runs; a lock whose holder stopped renewing it expires and is taken over. A run
 * that finds it held waits up to a timeout, then fails naming the holder.
 */
public final class MigrationLock implements AutoCloseable {

    public static final String TABLE = "_moose_lock";

    /** Runs of this process that hold or are taking the lock: a lock of this process held by no active run is dead. */
    private static final java.util.Set<String> ACTIVE_RUNS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.regex.Pattern HOLDER = java.util.regex.Pattern.compile("^.*@(.+) pid (\\d+) run (\\S+)$");

    private final ConnectionSettings settings;
    private final String holder;
    private final Duration ttl;
    private final ScheduledExecutorService heartbeat;
    private final MooseLog log;
    private volatile boolean released;

    private MigrationLock(ConnectionSettings settings, String holder, Duration ttl, MooseLog log) {
        this.settings = settings;
        this.holder = holder;
        this.ttl = ttl;
        this.log = log;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "moose-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, ttl.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Who holds a lock: machine, process and run. */
    public static String describeThisProcess(String runId) {
        return System.getProperty("user.name", "?") + "@" + hostName() + " pid " + ProcessHandle.current().pid() + " run " + runId;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    /**
     * True when the holder certainly stopped: it ran on this machine and its process is gone, or it is a run of this
     * process that is no longer active. Holders on other machines are only known dead when their lock expires.
     */
    static boolean holderIsGone(String holder) {
        java.util.regex.Matcher m = HOLDER.matcher(holder);
        if (!m.matches() || !m.group(1).equals(hostName())) {
            return false;
        }
        long pid = Long.parseLong(m.group(2));
        if (pid == ProcessHandle.current().pid()) {
            return !ACTIVE_RUNS.contains(m.group(3));
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static String runOf(String holder) {
        java.util.regex.Matcher m = HOLDER.matcher(holder);
        return m.matches() ? m.group(3) : holder;
    }

    /**
     * Takes the lock, waiting up to {@code wait} while another run holds it.
     *
     * @throws MooseException naming the holder when it is still held after {@code wait}
     */
    public static MigrationLock acquire(ClickHouseConnection connection, String holder, Duration ttl, Duration wait, MooseLog log) {
        long deadline = System.nanoTime() + wait.toNanos();
        String table = Sql.quoteIdentifier(TABLE);
        boolean announced = false;
        ACTIVE_RUNS.add(runOf(holder));
        while (true) {
            try {
                connection.execute("CREATE TABLE " + table + " (holder String, expires_at UInt64) ENGINE = MergeTree ORDER BY tuple()");
                connection.execute("INSERT INTO " + table + " (holder, expires_at) VALUES (" + Sql.quoteString(holder) + ", "
                        + expiry(ttl) + ")");
                return new MigrationLock(connection.settings(), holder, ttl, log);
            } catch (ClickHouseException e) {
                if (e.code() != ClickHouseException.TABLE_ALREADY_EXISTS) {
                    throw e;
                }
            }
            Held held = read(connection, ttl);
            if (held.expired() || holderIsGone(held.holder())) {
                log.warn("The migration lock held by " + (held.holder().isEmpty() ? "a run that never finished taking it" : held.holder())
                        + (held.expired() ? " expired (its run stopped renewing it)" : " belongs to a run that no longer exists")
                        + "; taking it over");
                takeOver(connection, held);
                continue;
            }
            if (System.nanoTime() > deadline) {
                ACTIVE_RUNS.remove(runOf(holder));
                throw new MooseException("Another migration is running against this database: the lock " + TABLE + " is held by "
                        + held.holder() + " until " + Instant.ofEpochMilli(held.expiresAt()) + " (renewed while it runs). Waited "
                        + wait.toSeconds() + " s (moose.lockTimeout); run again when it has finished.");
            }
            if (!announced) {
                log.info("Waiting for the migration lock held by " + held.holder() + " (up to " + wait.toSeconds() + " s)");
                announced = true;
            }
            sleep(Math.min(1000, Math.max(50, wait.toMillis() / 10)));
        }
    }

    private record Held(String holder, long expiresAt) {
        boolean expired() {
            return System.currentTimeMillis() > expiresAt;
        }
    }

    private static Held read(ClickHouseConnection connection, Duration ttl) {
        List<Held> rows = connection.query("SELECT holder, expires_at FROM " + Sql.quoteIdentifier(TABLE)
                + " ORDER BY expires_at DESC LIMIT 1", rs -> new Held(rs.getString(1), rs.getLong(2)));
        if (!rows.isEmpty()) {
            return rows.get(0);
        }
        // Created, but its holder died before writing its row: it expires a lock lifetime after its creation.
        long created = connection.queryLong("SELECT toUInt64(metadata_modification_time) FROM system.tables "
                + "WHERE database = currentDatabase() AND name = " + Sql.quoteString(TABLE)) * 1000;
        return new Held("", created + ttl.toMillis());
    }

    /**
     * Moves the expired lock aside (renaming is atomic: one run wins) and checks it was the lock it saw; a lock taken
     * in between by someone else is put back.
     */
    private static void takeOver(ClickHouseConnection connection, Held expired) {
        String aside = TABLE + "_expired_" + UUID.randomUUID().toString().replace("-", "");
        try {
            connection.execute("RENAME TABLE " + Sql.quoteIdentifier(TABLE) + " TO " + Sql.quoteIdentifier(aside));
        } catch (ClickHouseException e) {
            return; // someone else moved it first
        }
        List<String> holders = connection.query("SELECT holder FROM " + Sql.quoteIdentifier(aside), rs -> rs.getString(1));
        boolean same = holders.isEmpty() ? expired.holder().isEmpty() : holders.contains(expired.holder());
        if (!same) {
            try {
                connection.execute("RENAME TABLE " + Sql.quoteIdentifier(aside) + " TO " + Sql.quoteIdentifier(TABLE));
                return;
            } catch (ClickHouseException e) {
                // a third run took the lock meanwhile; the one we moved is dropped below
            }
        }
        connection.execute("DROP TABLE IF EXISTS " + Sql.quoteIdentifier(aside));
    }

    private static long expiry(Duration ttl) {
        return System.currentTimeMillis() + ttl.toMillis();
    }

    private void renew() {
        if (released) {
            return;
        }
        try (ClickHouseConnection c = ClickHouseConnection.open(settings)) {
            c.execute("INSERT INTO " + Sql.quoteIdentifier(TABLE) + " (holder, expires_at) VALUES (" + Sql.quoteString(holder) + ", "
                    + expiry(ttl) + ")");
        } catch (RuntimeException e) {
            log.warn("Could not renew the migration lock: " + e.getMessage());
        }
    }

    public String holder() {
        return holder;
    }

    /** Releases the lock (only when it is still ours). */
    public void release(ClickHouseConnection connection) {
        if (released) {
            return;
        }
        released = true;
        heartbeat.shutdownNow();
        ACTIVE_RUNS.remove(runOf(holder));
        try {
            List<String> holders = connection.query("SELECT holder FROM " + Sql.quoteIdentifier(TABLE), rs -> rs.getString(1));
            if (holders.contains(holder)) {
                connection.execute("DROP TABLE IF EXISTS " + Sql.quoteIdentifier(TABLE));
            }
        } catch (RuntimeException e) {
            log.warn("Could not release the migration lock " + TABLE + " (" + e.getMessage() + "); it expires by itself in "
                    + ttl.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        released = true;
        heartbeat.shutdownNow();
        ACTIVE_RUNS.remove(runOf(holder));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MooseException("Interrupted while waiting for the migration lock");
        }
    }
}
