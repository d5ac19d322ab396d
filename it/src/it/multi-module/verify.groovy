def log = new File(basedir, 'build.log').text
assert log.contains('Skipping moose:generate for multi-module: a pom-packaging project has no classes')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'migrations').exists()

def events = new File(basedir, 'events/migrations/plan.yaml').text
assert events.contains('name: click')
assert !events.contains('invoice')
def billing = new File(basedir, 'billing/migrations/plan.yaml').text
assert billing.contains('name: invoice')
assert !billing.contains('click')
// the enum from the other module is resolved (its classes are read, not planned)
assert billing.contains("Enum8('WEB' = 1, 'APP' = 2, 'STORE' = 3)")
// each module had its own embedded server, both stopped
['events', 'billing'].each { m ->
    assert new File(basedir, m + '/target/moose/clickhouse/data').isDirectory()
    assert !new File(basedir, m + '/target/moose/clickhouse/server.pid').exists()
}
return true
