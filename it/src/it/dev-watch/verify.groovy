// moose:dev -Dmoose.dev.once applied the code to the embedded server and stopped it.
def log = new File(basedir, 'build.log').text
assert log.contains('No moose.url: using the embedded ClickHouse')
assert log.contains('⢹ Processing Infrastructure changes from start-up')
assert log.contains('+ Table: events (id Int64, name String) ORDER BY id')
assert log.contains('BUILD SUCCESS')
def home = new File(basedir, 'target/moose/clickhouse')
assert !new File(home, 'server.pid').exists()

def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))

def serverProcesses = {
    ProcessHandle.allProcesses().filter { p -> p.info().commandLine().orElse('').contains(home.canonicalPath) }.toList()
}
def waitFor = { File file, String text, long seconds ->
    long deadline = System.currentTimeMillis() + seconds * 1000
    while (!(file.exists() && file.text.contains(text))) {
        assert System.currentTimeMillis() < deadline : "no '" + text + "' after " + seconds + " s in " + file + ":\n" + (file.exists() ? file.text : '')
        Thread.sleep(50)
    }
}

// Watch mode. Started through perl so that SIGINT is not inherited as ignored (as it is for background jobs),
// exactly like a terminal's Ctrl-C reaches a foreground mvn.
def devLog = new File(basedir, 'dev.log')
def dev = new ProcessBuilder(['perl', '-e', '$SIG{INT} = "DEFAULT"; exec @ARGV'] + support.mvnCommand(['-Dmoose.embedded=true', 'moose:dev']))
        .directory(basedir).redirectErrorStream(true).redirectOutput(devLog).start()
try {
    waitFor(devLog, 'for compiled changes (Ctrl-C stops)', 120)
    // Restarted on the same data: nothing to do.
    assert devLog.text.contains('The database matches the code (1 table, 0 materialized views, 0 views, 0 SQL resources).')
    assert devLog.text =~ /Other tools can connect to it while moose:dev runs: HTTP http:\/\/127\.0\.0\.1:\d+/

    // A user edits the code and compiles in another terminal.
    new File(basedir, 'src/main/java/app/Event.java').text = '''package app;

import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

@OlapTable(name = "events")
public record Event(@Key long id, String name, String status) {
}
'''
    new File(basedir, 'src/main/java/app/Session.java').text = '''package app;

import dev.moose.annotations.Key;
import dev.moose.annotations.OlapTable;

@OlapTable
public record Session(@Key String id, java.time.Instant started) {
}
'''
    def compile = support.mvn(['-q', 'compile'], 'compile.log')
    assert compile.exit == 0 : compile.log
    long compiled = System.nanoTime()
    waitFor(devLog, 'Processing Infrastructure changes from file watcher', 30)
    waitFor(devLog, 'Applied 2 operations', 30)
    println "moose:dev applied the change " + (System.nanoTime() - compiled).intdiv(1000000) + " ms after mvn compile ended"
    def text = devLog.text
    assert text.contains('~ Table events:')
    assert text.contains('+ status: String')
    assert text.contains("+ Table: session (id String, started DateTime('UTC')) ORDER BY id")
    assert !text.contains('DESTRUCTIVE')
    assert serverProcesses().size() == 1

    // Ctrl-C
    new ProcessBuilder('kill', '-INT', Long.toString(dev.pid())).start().waitFor()
    assert dev.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) : 'moose:dev did not stop on SIGINT'
    assert devLog.text.contains('moose:dev stopped; the embedded ClickHouse is stopped, its data stays in target')
} finally {
    if (dev.isAlive()) {
        dev.destroyForcibly()
    }
}
assert serverProcesses().isEmpty() : 'left running: ' + serverProcesses()*.info()*.commandLine()
assert !new File(home, 'server.pid').exists()

// Started again: the data survived, the code matches.
def again = support.mvn(['-Dmoose.embedded=true', 'moose:dev', '-Dmoose.dev.once'], 'again.log')
assert again.exit == 0 : again.log
assert again.log.contains('The database matches the code (2 tables, 0 materialized views, 0 views, 0 SQL resources).')
assert serverProcesses().isEmpty()
return true
