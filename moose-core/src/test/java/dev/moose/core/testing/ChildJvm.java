package dev.moose.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JVM running a test class's {@code main} on the test class path, its output lines as they come; closing kills it. */
public final class ChildJvm implements AutoCloseable {
    public final Process process;
    public final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    public final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

    public ChildJvm(Class<?> main, String... args) throws IOException {
        this(null, main, args);
    }

    /**
     * A child whose clock is {@code clockOffset} away from the machine's ({@code faketime -f +10m}, from Debian's
     * faketime package, shifts every clock the JVM reads), or {@code null} for the machine's clock.
     */
    public ChildJvm(String clockOffset, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (clockOffset != null) {
            command.addAll(List.of("faketime", "-f", clockOffset));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    all.add(line);
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for a line starting with {@code prefix}. */
    public String await(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with " + prefix + " from the child; it printed " + all);
    }

    /** Sends the child one line of input. */
    public void tell(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    public int exit() throws InterruptedException {
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child ended; it printed %s", all).isTrue();
        return process.exitValue();
    }

    /** Whether {@code faketime} is installed (.ci/run installs it). */
    public static boolean canSkewClocks() {
        try {
            return new ProcessBuilder("faketime", "-f", "+10m", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, as an operator or an out-of-memory killer would: no finally block, no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
