// Credentials from settings.xml (moose.serverId), in the URL and in moose.password, on ClickHouse 18.16 and on
// ClickHouse 26.5: every goal runs with -X; moose prints the password nowhere and writes it in no file, and through
// settings.xml it is in no line of the whole build log.
def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')

// The output of moose's own goal executions: from each '--- moose-maven-plugin' header to the next plugin's.
def mooseSections = { String log ->
    def out = new StringBuilder()
    boolean inside = false
    log.eachLine { line ->
        if (line.startsWith('[INFO] --- ')) {
            inside = line.startsWith('[INFO] --- moose-maven-plugin')
        }
        if (inside) {
            out << line << '\n'
        }
    }
    out.toString()
}

support.servers.each { server ->
    def url = server.url + '/moose_it_credentials'
    def run = { List<String> args, String name -> server.mvn(['-Dmoose.url=' + url] + args, name) }
    server.freshDatabase('moose_it_credentials')

    // 1: the user from settings.xml, shown; its password nowhere, even in debug output
    def good = run(['-X', '-Dmoose.serverId=moose-it', 'moose:generate', 'moose:migrate', 'moose:verify', 'moose:dev',
                    '-Dmoose.dev.once=true'], 'good.log')
    assert good.exit == 0 : good.log
    assert good.log.contains('Read http://moose_it@127.0.0.1:')
    assert good.log.contains('(ClickHouse ' + server.version + ')')
    assert good.log.contains('[1/1] create table events')
    assert !good.log.contains(support.password) : 'the password is in the build log'
    assert server.clickhouse("SELECT count() FROM system.tables WHERE database = 'moose_it_credentials' AND name = 'events'").trim() == '1'

    // 1b: the password in moose.url, then in moose.password: moose prints both parameters masked and the password
    // nowhere. (Under -X, Maven's resources plugin, which these goals run first, prints every -D property and the
    // command line: settings.xml, case 1, is the route no part of Maven prints.)
    [url  : ['-Dmoose.url=' + url.replace('://', '://moose_it:' + support.password + '@')],
     apart: ['-Dmoose.url=' + url, '-Dmoose.user=moose_it', '-Dmoose.password=' + support.password]].each { how, args ->
        server.freshDatabase('moose_it_credentials')
        def r = server.mvn(['-X'] + args + ['-Dmoose.migrationsDir=migrations/' + server.key + '-' + how, 'moose:generate',
                                            'moose:migrate', 'moose:verify', 'moose:dev', '-Dmoose.dev.once=true'], how + '.log')
        assert r.exit == 0 : r.log
        def moose = mooseSections(r.log)
        assert moose.contains('[1/1] create table events')
        assert moose.contains('(f) url = http://' + (how == 'url' ? 'moose_it' : 'default') + '@127.0.0.1:') : 'the URL, without its password'
        if (how == 'apart') {
            assert moose.contains('(f) password = ********')
        }
        assert !moose.contains(support.password) : 'moose printed the password (' + how + ')'
        assert !r.log.readLines().findAll { it.contains('Configuration:') || it.contains('(f) ') }.any { it.contains(support.password) }
    }
    new File(basedir, 'migrations').eachFileRecurse(groovy.io.FileType.FILES) { f ->
        assert !f.text.contains(support.password) : 'the password is in ' + f
    }

    // 2: a wrong password is an authentication failure, named as such, without the password
    def wrong = run(['-X', '-Dmoose.serverId=moose-it-wrong', 'moose:generate'], 'wrong.log')
    assert wrong.exit != 0
    assert wrong.log.contains('refused the credentials')
    assert !wrong.log.contains('not-the-password-0815')
    assert !wrong.log.contains(support.password)

    // 3: serverId and user together are refused
    def both = run(['-Dmoose.serverId=moose-it', '-Dmoose.user=someone', 'moose:generate'], 'both.log')
    assert both.exit != 0
    assert both.log.contains('moose.serverId and moose.user/moose.password are both set')
}
return true
