package dev.moose.core.testing;

import dev.moose.core.MooseLog;
import dev.moose.core.api.MigrationFiles;
import dev.moose.core.api.MigrationInput;
import dev.moose.core.api.Migrator;
import dev.moose.core.internal.bookkeeping.MigrationLock;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ConnectionSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate process for the lock tests, as another pipeline would be:
 * <pre>
 * LockChild hold &lt;url&gt; &lt;ttl ms&gt;                 takes the lock and prints LOCKED; then for each line read from its
 *                                              input checks it still holds the lock and writes a mark (MARK n), or
 *                                              prints LOST … and exits 3 when it lost it; releases it at the end of input
 * LockChild migrate &lt;url&gt; &lt;migrations dir&gt;     runs moose's migrate on those files; prints OUTCOME name executed
 * </pre>
 */
public final class LockChild {

    private LockChild() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionSettings settings = ConnectionSettings.parse(args[1]);
        try (ClickHouseConnection c = ClickHouseConnection.open(settings)) {
            if (args[0].equals("hold")) {
                hold(c, Duration.ofMillis(Long.parseLong(args[2])));
            } else {
                MigrationInput in = MigrationInput.load(new MigrationFiles(Path.of(args[2])));
                Migrator.Result r = Migrator.migrate(c, in, in.localInfraMap(),
                        Migrator.Options.builder().lockTimeout(Duration.ofSeconds(60)).build(), MooseLog.silent());
                System.out.println("OUTCOME " + r.outcome() + " " + r.executed());
            }
        }
    }

    private static void hold(ClickHouseConnection c, Duration ttl) throws java.io.IOException {
        MigrationLock lock = MigrationLock.acquire(c, MigrationLock.describeThisProcess("child-" + ProcessHandle.current().pid()),
                ttl, Duration.ofSeconds(30), MooseLog.silent());
        System.out.println("LOCKED");
        System.out.flush();
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8));
        int mark = 0;
        try {
            while (in.readLine() != null) {
                lock.ensureHeld(c);
                c.execute("INSERT INTO marks VALUES (" + ++mark + ")");
                System.out.println("MARK " + mark);
                System.out.flush();
            }
        } catch (MigrationLock.LostException e) {
            System.out.println("LOST " + e.getMessage());
            System.out.flush();
            System.exit(3);
        }
        lock.release(c);
    }
}
