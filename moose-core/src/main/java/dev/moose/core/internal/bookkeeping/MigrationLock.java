package dev.moose.core.internal.bookkeeping;

import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import dev.moose.core.MooseLog;
import dev.moose.core.internal.Pause;
import dev.moose.core.internal.sql.Sql;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ClickHouseException;
import dev.moose.core.server.ConnectionSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure two migrations never run at once against one database, on any server version and across hosts.
 *
 * <ul>
 *   <li><b>Exclusive:</b> the lock is the table {@value #TABLE}. Creating a table that exists fails (code 57), so
 *       taking it is a compare-and-set on every server; its rows name the holder, a run id unique to each run.</li>
 *   <li><b>Server time only:</b> every expiry is computed and compared by the server ({@code now()}), never by a
 *       client, so clocks skewed between machines change nothing.</li>
 *   <li><b>Renewal:</b> the holder adds a row every third of the lifetime, and only to a lock that still holds its
 *       own rows: it never writes into a lock another run took over.</li>
 *   <li><b>Expiry and take-over:</b> a lock nobody renewed for its lifetime is moved aside (renaming is atomic: one
 *       run wins) and checked to be the very lock that was seen expired, else put back.</li>
 *   <li><b>Fencing:</b> before each statement the run checks it still holds the lock: without a query while a
 *       renewal confirmed it recently, with one otherwise. A run that lost it (frozen past its expiry, say) stops
 *       before its next statement and says so.</li>
 *   <li><b>Release:</b> waits for an in-flight renewal, moves the lock aside and drops it only if it is its own.</li>
 * </ul>
 */
public final class MigrationLock implements AutoCloseable {

    public static final String TABLE = "_moose_lock";

    /** Runs of this JVM that hold or are taking a lock: a lock of this JVM held by none of them is certainly dead. */
    private static final Set<String> ACTIVE_RUNS = ConcurrentHashMap.newKeySet();
    private static final java.util.regex.Pattern RUN = java.util.regex.Pattern.compile(" run (\\S+) jvm (\\S+)$");
    /** Identifies this JVM in holder names, where a host name and a PID may repeat (containers). */
    private static final String JVM = UUID.randomUUID().toString();

    private final ConnectionSettings settings;
    private final Placement placement;
    private final String holder;
    private final Duration ttl;
    private final ScheduledExecutorService heartbeat;
    private final MooseLog log;
    private final Object renewing = new Object();
    private volatile boolean released;
    /** Until when (System.nanoTime) the last confirmed renewal guarantees the lock, less a margin. */
    private volatile long confirmedUntil;
    private volatile String lostBecause;

    private MigrationLock(ConnectionSettings settings, Placement placement, String holder, Duration ttl, long confirmedAt, MooseLog log) {
        this.settings = settings;
        this.placement = placement;
        this.holder = holder;
        this.ttl = ttl;
        this.log = log;
        this.confirmedUntil = confirmedAt + safeSpan();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "moose-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, ttl.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Half the lifetime: a confirmation older than that is checked again against the server. */
    private long safeSpan() {
        return ttl.toNanos() / 2;
    }

    /** Who holds a lock: user, machine, run, and this JVM (PIDs and host names repeat across containers). */
    public static String describeThisProcess(String runId) {
        return System.getProperty("user.name", "?") + "@" + hostName() + " pid " + ProcessHandle.current().pid() + " run " + runId
                + " jvm " + JVM;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    /** True when the holder is a run of this JVM that is no longer active; other holders are only known dead by expiry. */
    public static boolean holderIsGone(String holder) {
        java.util.regex.Matcher m = RUN.matcher(holder);
        return m.find() && m.group(2).equals(JVM) && !ACTIVE_RUNS.contains(m.group(1));
    }

    private static String runOf(String holder) {
        java.util.regex.Matcher m = RUN.matcher(holder);
        return m.find() ? m.group(1) : holder;
    }

    private static String serverNowMillis() {
        return "toUInt64(now()) * 1000";
    }

    /**
     * Takes the lock, waiting up to {@code wait} while another run holds it.
     *
     * @throws MooseException naming the holder when it is still held after {@code wait}
     */
    public static MigrationLock acquire(ClickHouseConnection connection, String holder, Duration ttl, Duration wait, MooseLog log) {
        return acquire(connection, new Placement(connection.database(), null), holder, ttl, wait, log);
    }

    /** Takes the lock where {@code placement} keeps it: on a cluster, one lock for every host. */
    public static MigrationLock acquire(ClickHouseConnection connection, Placement placement, String holder, Duration ttl, Duration wait,
                                        MooseLog log) {
        long deadline = System.nanoTime() + wait.toNanos();
        String table = Sql.quoteIdentifier(TABLE);
        boolean announced = false;
        ACTIVE_RUNS.add(runOf(holder));
        boolean acquired = false;
        try {
            while (true) {
                boolean created = false;
                try {
                    placement.run(connection, "CREATE TABLE " + placement.table(TABLE) + placement.onCluster() + " (holder String, expires_at UInt64)"
                            + " ENGINE = " + placement.engine("MergeTree", TABLE, UUID.randomUUID().toString()) + " ORDER BY tuple()");
                    created = true;
                    long confirmedAt = System.nanoTime();
                    connection.execute("INSERT INTO " + table + " (holder, expires_at) SELECT " + Sql.quoteString(holder) + ", "
                            + serverNowMillis() + " + " + ttl.toMillis());
                    acquired = true;
                    return new MigrationLock(connection.settings(), placement, holder, ttl, confirmedAt, log);
                } catch (ClickHouseException e) {
                    if (created) {
                        dropIfEmpty(connection, placement);
                        throw e;
                    }
                    if (e.code() != ClickHouseException.TABLE_ALREADY_EXISTS) {
                        throw e;
                    }
                }
                Held held = read(connection, ttl);
                if (held == null) {
                    continue; // released meanwhile
                }
                if (held.expired() || holderIsGone(held.holder())) {
                    log.warn("The migration lock held by " + (held.holder().isEmpty() ? "a run that never finished taking it" : held.holder())
                            + (held.expired() ? " expired (its run stopped renewing it)" : " belongs to a run of this process that ended")
                            + "; taking it over");
                    takeOver(connection, placement, held);
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new dev.moose.core.LockTimeoutException("Another migration is running against this database: the lock " + TABLE + " is held by "
                            + held.holder() + " until " + Instant.ofEpochMilli(held.expiresAt()) + " (server time; renewed while it runs). "
                            + "Waited " + wait.toSeconds() + " s (" + Fix.LOCK_TIMEOUT + "); run again when it has finished.");
                }
                if (!announced) {
                    log.info("Waiting for the migration lock held by " + held.holder() + " (up to " + wait.toSeconds() + " s)");
                    announced = true;
                }
                Pause.sleep(Math.min(250, Math.max(50, wait.toMillis() / 10)), "the migration lock");
            }
        } finally {
            if (!acquired) {
                ACTIVE_RUNS.remove(runOf(holder));
            }
        }
    }

    /** After a failed first row: the empty lock this run created goes (else it expires a lifetime after its creation). */
    private static void dropIfEmpty(ClickHouseConnection connection, Placement placement) {
        try {
            if (connection.queryLong("SELECT count() FROM " + Sql.quoteIdentifier(TABLE)) == 0) {
                placement.dropIfExists(connection, TABLE);
            }
        } catch (RuntimeException ignored) {
            // the server is gone: the empty lock expires by itself
        }
    }

    /** The newest holder of a lock and its expiry, both times from the server. */
    private record Held(String holder, long expiresAt, long serverNow) {
        boolean expired() {
            return serverNow > expiresAt;
        }
    }

    /** Each holder of a lock table with its latest expiry, newest first, and the server's time; null when there is no table. */
    private static List<Held> holders(ClickHouseConnection connection, String table) {
        try {
            return connection.query("SELECT holder, max(expires_at), " + serverNowMillis() + " FROM " + Sql.quoteIdentifier(table)
                    + " GROUP BY holder ORDER BY max(expires_at) DESC", rs -> new Held(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        } catch (ClickHouseException e) {
            if (e.code() == ClickHouseException.UNKNOWN_TABLE) {
                return null;
            }
            throw e;
        }
    }

    /** The lock as the server sees it now, or {@code null} when there is none. */
    private static Held read(ClickHouseConnection connection, Duration ttl) {
        List<Held> rows = holders(connection, TABLE);
        if (rows == null) {
            return null;
        }
        if (!rows.isEmpty()) {
            return rows.get(0);
        }
        // Created, but its holder stopped before writing its row: it expires a lock lifetime after its creation.
        List<Held> created = connection.query("SELECT '', toUInt64(metadata_modification_time) * 1000 + " + ttl.toMillis() + ", "
                + serverNowMillis() + " FROM system.tables WHERE database = currentDatabase() AND name = " + Sql.quoteString(TABLE),
                rs -> new Held(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        return created.isEmpty() ? null : created.get(0);
    }

    /**
     * Moves the expired lock aside (renaming is atomic: one run wins) and checks it is the lock that was seen expired:
     * the same holder and no renewal since. Anything else is put back.
     */
    private static void takeOver(ClickHouseConnection connection, Placement placement, Held expired) {
        String aside = TABLE + "_expired_" + UUID.randomUUID().toString().replace("-", "");
        if (!moveAside(connection, placement, aside)) {
            return; // someone else moved it first
        }
        List<Held> inside = holders(connection, aside);
        boolean same = inside == null ? false : inside.isEmpty() ? expired.holder().isEmpty()
                : inside.size() == 1 && inside.get(0).holder().equals(expired.holder()) && inside.get(0).expiresAt() == expired.expiresAt();
        if (!same) {
            putBack(connection, placement, aside);
            return;
        }
        placement.dropIfExists(connection, aside);
    }

    private static boolean moveAside(ClickHouseConnection connection, Placement placement, String aside) {
        try {
            placement.rename(connection, TABLE, aside);
            return true;
        } catch (ClickHouseException e) {
            return false;
        }
    }

    private static void putBack(ClickHouseConnection connection, Placement placement, String aside) {
        try {
            placement.rename(connection, aside, TABLE);
        } catch (ClickHouseException e) {
            // a lock was taken meanwhile: the one moved aside is stale, and dropped
            placement.dropIfExists(connection, aside);
        }
    }

    /** Adds a row to the lock, only while it holds this run's rows, and confirms it still holds only those. */
    private void renew() {
        synchronized (renewing) {
            if (released || lostBecause != null) {
                return;
            }
            long at = System.nanoTime();
            try (ClickHouseConnection c = ClickHouseConnection.open(settings)) {
                String table = Sql.quoteIdentifier(TABLE);
                c.execute("INSERT INTO " + table + " (holder, expires_at) SELECT holder, " + serverNowMillis() + " + " + ttl.toMillis()
                        + " FROM " + table + " WHERE holder = " + Sql.quoteString(holder) + " LIMIT 1");
                String why = lostReason(c);
                if (why == null) {
                    confirmedUntil = at + safeSpan();
                } else {
                    lostBecause = why;
                }
            } catch (RuntimeException e) {
                log.warn("Could not renew the migration lock: " + e.getMessage());
            }
        }
    }

    /** Why this run no longer holds the lock, or {@code null} when it does (its rows only, not expired). */
    private String lostReason(ClickHouseConnection c) {
        List<Held> rows = holders(c, TABLE);
        if (rows == null) {
            return "the lock table " + TABLE + " is gone";
        }
        for (Held h : rows) {
            if (!h.holder().equals(holder)) {
                return "the lock is now held by " + (h.holder().isEmpty() ? "a run taking it" : h.holder());
            }
        }
        if (rows.isEmpty()) {
            return "the lock holds no row of this run";
        }
        if (rows.get(0).expired()) {
            return "this run's lock expired at " + Instant.ofEpochMilli(rows.get(0).expiresAt()) + " (server time) without renewal";
        }
        return null;
    }

    /**
     * Fencing: returns when this run still holds the lock, without a query while a renewal confirmed it recently.
     *
     * @throws MooseException when the lock was lost: nothing more may run
     */
    public void ensureHeld(ClickHouseConnection connection) {
        if (lostBecause == null && System.nanoTime() < confirmedUntil) {
            return;
        }
        if (lostBecause == null) {
            long at = System.nanoTime();
            String why = lostReason(connection);
            if (why == null) {
                confirmedUntil = at + safeSpan();
                return;
            }
            lostBecause = why;
        }
        throw new LostException("This migration lost its lock (" + lostBecause + "): it stopped before its next statement, "
                + "so that two runs never apply the plan at once. The journal " + Journal.TABLE + " records what ran; run migrate "
                + "again to resume.");
    }

    public String holder() {
        return holder;
    }

    /** The run no longer holds the lock: it must not write anything more, not even its journal. */
    public static final class LostException extends MooseException {
        private static final long serialVersionUID = 1L;

        LostException(String message) {
            super(message);
        }
    }

    /** Releases the lock when it is still this run's: after any renewal in flight, moved aside, checked, dropped. */
    public void release(ClickHouseConnection connection) {
        synchronized (renewing) {
            if (released) {
                return;
            }
            released = true;
        }
        heartbeat.shutdownNow();
        ACTIVE_RUNS.remove(runOf(holder));
        try {
            String lost = lostBecause != null ? lostBecause : lostReason(connection);
            if (lost != null && !lost.startsWith("this run's lock expired")) {
                log.warn("The migration lock was no longer this run's at the end (" + lost + "); left as it is");
                return;
            }
            String aside = TABLE + "_released_" + UUID.randomUUID().toString().replace("-", "");
            if (!moveAside(connection, placement, aside)) {
                return; // no lock at all: it expired and was taken over and released by another run
            }
            List<String> holders = connection.query("SELECT DISTINCT holder FROM " + Sql.quoteIdentifier(aside), rs -> rs.getString(1));
            if (holders.equals(List.of(holder))) {
                placement.dropIfExists(connection, aside);
            } else {
                putBack(connection, placement, aside); // another run's lock: never ours to drop
            }
        } catch (RuntimeException e) {
            log.warn("Could not release the migration lock " + TABLE + " (" + e.getMessage() + "); it expires by itself in "
                    + ttl.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        synchronized (renewing) {
            released = true;
        }
        heartbeat.shutdownNow();
        ACTIVE_RUNS.remove(runOf(holder));
    }
}
