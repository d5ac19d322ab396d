// Credentials from settings.xml (moose.serverId), on ClickHouse 18.16 and on ClickHouse 26.5.
def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')

support.servers.each { server ->
    def run = server.mvn
    server.freshDatabase('moose_it_credentials')

    // 1: the user from settings.xml, shown; its password nowhere, even in debug output
    def good = run(['-X', '-Dmoose.serverId=moose-it', 'moose:generate', 'moose:migrate'], 'good.log')
    assert good.exit == 0 : good.log
    assert good.log.contains('Read http://moose_it@127.0.0.1:')
    assert good.log.contains('(ClickHouse ' + server.version + ')')
    assert good.log.contains('[1/1] create table events')
    assert !good.log.contains(support.password) : 'the password is in the build log'
    assert server.clickhouse("SELECT count() FROM system.tables WHERE database = 'moose_it_credentials' AND name = 'events'").trim() == '1'

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
