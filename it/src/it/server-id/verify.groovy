def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
def log = new File(basedir, 'build.log').text

// 1: the user from settings.xml, shown; its password nowhere, even in debug output
assert log.contains('Read http://moose_it@127.0.0.1:')
assert log.contains('[1/1] create table events')
assert !log.contains(support.password) : 'the password is in the build log'
assert support.clickhouse("SELECT count() FROM system.tables WHERE database = 'moose_it_credentials' AND name = 'events'").trim() == '1'

// 2: a wrong password is an authentication failure, named as such, without the password
assert log.contains('refused the credentials')
assert !log.contains('not-the-password-0815')

// 3: serverId and user together are refused
assert log.contains('moose.serverId and moose.user/moose.password are both set')
return true
