def log = new File(basedir, 'build.log').text
assert log.contains('No moose.url is set, and moose:migrate changes the database it runs against')
assert log.contains('-Dmoose.embedded=true')
assert log.contains('No moose.url is set, and the environment variable CI is set: moose:generate will not fall back')
// the refused runs started nothing and migrated nothing
assert !log.contains('Migrated:')
assert (log =~ /using the embedded ClickHouse/).count == 1
return true
