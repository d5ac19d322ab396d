// Shared by the verify/setup scripts of the integration tests: evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
// returns a map of helpers. They use the script's variables basedir, localRepositoryPath and outerRepositoryUrl.

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

// A statement or query over HTTP to the shared server, as the default user.
def clickhouse = { String sql ->
    def connection = new URL(properties.getProperty('moose.it.url') + '/').openConnection()
    connection.doOutput = true
    connection.requestMethod = 'POST'
    connection.outputStream.withWriter('UTF-8') { it << sql }
    if (connection.responseCode != 200) {
        throw new IllegalStateException(sql + ': ' + connection.errorStream?.text)
    }
    connection.inputStream.getText('UTF-8')
}

// A database of its own for a build, empty.
def freshDatabase = { String name ->
    clickhouse('DROP DATABASE IF EXISTS `' + name + '`')
    clickhouse('CREATE DATABASE `' + name + '`')
}

// What a check must leave untouched: tables and columns of a database.
def schema = { String database ->
    clickhouse("SELECT table, name, type FROM system.columns WHERE database = '" + database + "' ORDER BY table, name FORMAT TSV")
}

// the password of ItServer's user moose_it, as src/it/settings.xml gives it to the server-id build
[mvn: mvn, mvnCommand: mvnCommand, clickhouse: clickhouse, freshDatabase: freshDatabase, schema: schema, url: properties.getProperty('moose.it.url'),
 password: 'it-secret-pw-4711']
