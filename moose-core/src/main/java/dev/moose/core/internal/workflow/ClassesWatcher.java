package dev.moose.core.internal.workflow;

import dev.moose.core.MooseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches compiled-classes directories (written by an IDE's compile-on-save or by {@code mvn compile} in another
 * terminal) and reports when what they hold changed and then stayed unchanged for a quiet period, so that a burst of
 * class files written by one compilation is one change.
 *
 * <p>A change that only removes files must stay unchanged longer ({@link #REMOVAL_QUIET}): a full recompilation
 * deletes every class file first and writes the new ones only when the compiler has analysed all sources, and that
 * gap must not read as "every class was deleted" (which would drop every table).
 *
 * <p>What counts is the content fingerprint (every file's path, size and modification time): file-system events
 * only wake the watcher early. A directory deleted and created again ({@code mvn clean compile}) or a file system
 * without events is still seen, at the next poll.
 */
public final class ClassesWatcher implements AutoCloseable {

    /** How long a change that only removed files must hold still. */
    static final Duration REMOVAL_QUIET = Duration.ofSeconds(2);

    /** What the directories hold: a fingerprint of every file's path, size and time, and how many files. */
    public record Snapshot(long hash, int files) {
    }

    private final List<Path> roots;
    private final Duration quietPeriod;
    private final Duration pollInterval;
    private final WatchService service;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private Snapshot applied;
    private volatile long changeSeenAt;
    private volatile boolean closed;

    /** Starts watching; what the roots hold now counts as seen. */
    public ClassesWatcher(List<Path> roots, Duration quietPeriod, Duration pollInterval) {
        this.roots = List.copyOf(roots);
        this.quietPeriod = quietPeriod;
        this.pollInterval = pollInterval;
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw MooseException.internal("Cannot watch " + roots + ": " + e.getMessage(), e);
        }
        registerRoots();
        this.applied = snapshot();
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * Blocks until the roots' content changed and then held still for the quiet period.
     *
     * @return false when the watcher was closed (or the thread interrupted) instead
     */
    public boolean awaitChange() {
        try {
            while (!closed) {
                WatchKey key = service.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                long first = System.nanoTime();
                drain(key);
                registerRoots();
                Snapshot now = snapshot();
                if (now.equals(applied)) {
                    continue;
                }
                changeSeenAt = first;
                // Settle: until no event arrives for the quiet period and the content is as it was before it.
                while (!closed) {
                    Duration quiet = now.files() < applied.files() && quietPeriod.compareTo(REMOVAL_QUIET) < 0 ? REMOVAL_QUIET : quietPeriod;
                    WatchKey more = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                    drain(more);
                    registerRoots();
                    Snapshot again = snapshot();
                    if (more == null && again.equals(now)) {
                        break;
                    }
                    now = again;
                }
                if (closed) {
                    return false;
                }
                if (!now.equals(applied)) {
                    applied = now;
                    return true;
                }
            }
            return false;
        } catch (ClosedWatchServiceException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@link System#nanoTime()} when the change {@link #awaitChange()} last reported was first seen. */
    public long changeSeenAt() {
        return changeSeenAt;
    }

    private void drain(WatchKey key) {
        WatchKey k = key;
        while (k != null) {
            Path dir = keys.get(k);
            for (WatchEvent<?> event : k.pollEvents()) {
                if (dir != null && event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                    Path child = dir.resolve((Path) event.context());
                    if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                        registerTree(child);
                    }
                }
            }
            if (!k.reset()) {
                keys.remove(k);
            }
            k = service.poll();
        }
    }

    private void registerRoots() {
        for (Path root : roots) {
            if (Files.isDirectory(root) && !keys.containsValue(root)) {
                registerTree(root);
            }
        }
    }

    private void registerTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isDirectory).forEach(d -> {
                try {
                    keys.put(d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY), d);
                } catch (IOException e) {
                    // gone again already (a clean running): the next poll registers what is there then
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // as above
        } catch (ClosedWatchServiceException e) {
            // closing
        }
    }

    /** How many files the directories held at the last change reported (or at the start). */
    public int files() {
        return applied.files();
    }

    /** Every file's path, size and modification time, combined so that order does not matter. */
    public Snapshot snapshot() {
        long sum = 0;
        long count = 0;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        continue;
                    }
                    if (a.isRegularFile()) {
                        long h = p.toString().hashCode();
                        h = h * 0x9E3779B97F4A7C15L + a.size();
                        h = h * 0x9E3779B97F4A7C15L + a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                        sum += mix(h);
                        count++;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // a directory deleted while walked: the fingerprint differs, and the next one settles it
                sum += 1;
            }
        }
        return new Snapshot(mix(sum ^ count), (int) count);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            // nothing to release that the JVM will not
        }
    }
}
