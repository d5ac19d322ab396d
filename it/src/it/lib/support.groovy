// Shared by the verify/setup scripts of the integration tests: evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
// returns a map of helpers. They use the script's variables basedir, localRepositoryPath and outerRepositoryUrl.
//
// ItServer started two servers for the builds that need a URL: ClickHouse 18.16 (moose.it.url) and ClickHouse 26.5
// (moose.it.url26). support.servers lists both, each with helpers bound to it; support.url, support.clickhouse, …
// are the 18.16 server's, which the invoker goals (invoker.properties) use.

def itDir = new File(basedir, '../..').canonicalFile          // it/target
def properties = new Properties()
def propertiesFile = new File(itDir, 'clickhouse.properties')
if (propertiesFile.exists()) {
    propertiesFile.withInputStream { properties.load(it) }
}

// Another Maven build of this project, as a user runs it, with the IT repository and settings: the command line,
// and the build run to its end.
def settings = new File(basedir, 'target/it-settings.xml')
def mvnCommand = { List<String> args ->
    settings.parentFile.mkdirs()
    settings.text = new File(itDir, '../src/it/settings.xml').text.replace('@localRepositoryUrl@', outerRepositoryUrl)
    def command = [System.getProperty('maven.home') + '/bin/mvn', '-B', '-s', settings.path,
                   '-Dmaven.repo.local=' + localRepositoryPath]
    properties.each { k, v -> command << ('-D' + k + '=' + v) }
    command.addAll(args)
    command
}
def mvn = { List<String> args, String logName ->
    def log = new File(basedir, logName)
    def process = new ProcessBuilder(mvnCommand(args)).directory(basedir).redirectErrorStream(true).redirectOutput(log).start()
    def exit = process.waitFor()
    [exit: exit, log: log.text]
}

// Helpers bound to one server: statements over HTTP as the default user, a fresh database, a schema listing.
def on = { String name, String url ->
    def clickhouse = { String sql ->
        def connection = new URL(url + '/').openConnection()
        connection.doOutput = true
        connection.requestMethod = 'POST'
        connection.outputStream.withWriter('UTF-8') { it << sql }
        if (connection.responseCode != 200) {
            throw new IllegalStateException(name + ': ' + sql + ': ' + connection.errorStream?.text)
        }
        connection.inputStream.getText('UTF-8')
    }
    def freshDatabase = { String database ->
        clickhouse('DROP DATABASE IF EXISTS `' + database + '`')
        clickhouse('CREATE DATABASE `' + database + '`')
    }
    // What a check must leave untouched: tables and columns of a database.
    def schema = { String database ->
        clickhouse("SELECT table, name, type FROM system.columns WHERE database = '" + database + "' ORDER BY table, name FORMAT TSV")
    }
    def version = url == null ? null : clickhouse('SELECT version()').trim()
    // 18_16, 26_5: names this server's migrations directory and logs
    def key = version == null ? null : version.tokenize('.').take(2).join('_')
    // a build of this project against this server (the pom's ${moose.it.url}), with a migrations directory of its own
    def build = { List<String> args, String logName ->
        mvn(['-Dmoose.it.url=' + url, '-Dmoose.migrationsDir=migrations/' + key] + args, key + '-' + logName)
    }
    [name: name, url: url, version: version, key: key, clickhouse: clickhouse, freshDatabase: freshDatabase, schema: schema,
     mvn: build]
}

def native18 = on('ClickHouse 18.16', properties.getProperty('moose.it.url'))
def wasm26 = on('ClickHouse 26.5', properties.getProperty('moose.it.url26'))

// the password of ItServer's user moose_it, as src/it/settings.xml gives it to the server-id build
[mvn: mvn, mvnCommand: mvnCommand, servers: [native18, wasm26],
 clickhouse: native18.clickhouse, freshDatabase: native18.freshDatabase, schema: native18.schema, url: native18.url,
 password: 'it-secret-pw-4711']
