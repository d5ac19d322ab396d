package dev.moose.maven;

import dev.moose.core.MooseException;
import dev.moose.core.api.DevLoop;
import dev.moose.core.server.LocalClickHouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies the code to a development ClickHouse at once, then every compiled change as it lands: compile-on-save in
 * the IDE, or {@code mvn compile} in another terminal, and the tables follow, with a live change log. No plan, no
 * review: for a local database only. Without {@code moose.url} it starts the embedded ClickHouse, whose data stays
 * in {@code target/moose/clickhouse} between runs. Ctrl-C stops it.
 *
 * <pre>mvn moose:dev</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "dev", configurator = "moose", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class DevMojo extends AbstractMooseMojo {

    /** Applies the code once and exits, instead of watching (scripts, tests). Also settable with {@code -Dmoose.dev.once}. */
    @Parameter(property = "moose.dev.once", defaultValue = "false")
    private boolean once;

    /**
     * Asks before applying a change that drops or rebuilds something (needs an interactive terminal). Also settable with
     * {@code -Dmoose.dev.confirmDestructive}.
     */
    @Parameter(property = "moose.dev.confirmDestructive", defaultValue = "false")
    private boolean confirmDestructive;

    /**
     * Milliseconds the compiled classes must stay unchanged before a change is applied, so that one compilation is
     * one change. Also settable with {@code -Dmoose.dev.quietPeriod}.
     */
    @Parameter(property = "moose.dev.quietPeriod", defaultValue = "300")
    private int quietPeriod;

    /**
     * Lets {@code moose.url} name a server on another machine (a shared development server). Without it the goal
     * refuses any server that is not on this machine, as it applies destructive changes at once. Also settable with
     * {@code -Dmoose.dev.allowRemote}.
     */
    @Parameter(property = "moose.dev.allowRemote", defaultValue = "false")
    private boolean allowRemote;

    /** Skips this goal. Also settable with {@code -Dmoose.dev.skip}. */
    @Parameter(property = "moose.dev.skip", defaultValue = "false")
    private boolean devSkip;

    /** Standard input, read a line per question (one reader, so that nothing typed ahead is lost). */
    private BufferedReader terminal;

    @Override
    protected String goal() {
        return "dev";
    }

    @Override
    protected boolean goalSkipped() {
        return devSkip;
    }

    @Override
    protected void run() {
        if (hasUrl() && !allowRemote && !connectionSettings().isLocal()) {
            throw new MooseException("moose:dev applies every change at once, destructive ones included, so it runs only against a "
                    + "ClickHouse on this machine, and " + connectionSettings().displayUrl() + " is not. For a development server "
                    + "elsewhere (a container, a shared box) add -Dmoose.dev.allowRemote=true; for production use "
                    + "moose:generate and moose:migrate.");
        }
        try (Target target = connect()) {
            LocalClickHouse embedded = target.embedded();
            if (embedded != null) {
                getLog().info("Other tools can connect to it while moose:dev runs: HTTP " + embedded.httpUrl() + ", native port "
                        + embedded.tcpPort() + ", user default, no password.");
            } else {
                getLog().info("Applying changes to " + target.connection().settings().displayUrl() + " (ClickHouse "
                        + target.connection().version() + ").");
            }
            DevLoop.Options options = DevLoop.Options.builder()
                    .quietPeriod(Duration.ofMillis(Math.max(0, quietPeriod)))
                    .confirmDestructive(confirmDestructive, this::ask).build();
            List<Path> watched = watchedDirectories();
            if (once) {
                runOnce(target, options, watched);
            } else {
                watch(target, embedded, options, watched);
            }
        }
    }

    private void runOnce(Target target, DevLoop.Options options, List<Path> watched) {
        try (DevLoop loop = new DevLoop(target.connection(), this::scanRequest, explicitVersion(), watched, options, log())) {
            DevLoop.Round round = loop.apply("start-up", System.nanoTime());
            report.finished(round.outcome() == DevLoop.Outcome.NO_CHANGES ? dev.moose.core.report.Report.Status.UNCHANGED
                    : dev.moose.core.report.Report.Status.APPLIED_CHANGES);
            switch (round.outcome()) {
                case CODE_ERROR, SERVER_ERROR -> throw new MooseException("moose:dev could not apply the code: " + round.problem());
                case DECLINED -> throw new MooseException("moose:dev did not apply the destructive changes: they were not confirmed");
                default -> {
                }
            }
        }
    }

    private void watch(Target target, LocalClickHouse embedded, DevLoop.Options options, List<Path> watched) {
        CountDownLatch done = new CountDownLatch(1);
        String[] serverGone = {null};
        DevLoop[] holder = new DevLoop[1];
        DevLoop.Options watching = options.toBuilder().listener(round -> {
            if (round.outcome() == DevLoop.Outcome.SERVER_ERROR && embedded != null && !embedded.isRunning()) {
                serverGone[0] = "The embedded ClickHouse stopped; the end of its log is in " + embedded.logFile();
                holder[0].close();
            }
        }).build();
        // Ctrl-C: stop watching, let the round under way finish and the server stop, then let the JVM go.
        Thread onExit = new Thread(() -> {
            DevLoop loop = holder[0];
            if (loop != null) {
                loop.close();
            }
            try {
                done.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "moose-dev-stop");
        try (DevLoop loop = new DevLoop(target.connection(), this::scanRequest, explicitVersion(), watched, watching, log())) {
            holder[0] = loop;
            Runtime.getRuntime().addShutdownHook(onExit);
            loop.run();
        } finally {
            try {
                target.close();
                getLog().info("moose:dev stopped" + (embedded != null && !embedded.isAttached()
                        ? "; the embedded ClickHouse is stopped, its data stays in " + project.getBasedir().toPath().relativize(embedded.home())
                        : "") + ".");
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it is waiting for us
                }
            }
        }
        if (serverGone[0] != null) {
            throw MooseException.internal(serverGone[0], null);
        }
    }

    /** The project's classes and the reactor modules' classes it depends on (their types shape the columns too). */
    private List<Path> watchedDirectories() {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(classesDirectory());
        compileClasspath().stream().filter(Files::isDirectory).forEach(dirs::add);
        return new ArrayList<>(dirs);
    }

    /** The y/N question for destructive changes, on the terminal Maven runs in. */
    private boolean ask(List<String> destructive) {
        if (!session.getRequest().isInteractiveMode()) {
            getLog().warn("moose.dev.confirmDestructive is set but Maven runs in batch mode (-B): nothing can be asked, so "
                    + "destructive changes are not applied.");
            return false;
        }
        System.out.print("Apply " + destructive.size() + " destructive change" + (destructive.size() == 1 ? "" : "s") + "? [y/N] ");
        System.out.flush();
        try {
            if (terminal == null) {
                terminal = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
            }
            String answer = terminal.readLine();
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }
}
