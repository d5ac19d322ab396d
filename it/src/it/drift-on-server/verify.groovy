// Drift by hand on a shared server, on ClickHouse 18.16 and on ClickHouse 26.5: verify and migrate refuse with the
// database unchanged; undone, the plan applies; drifted again and regenerated, the new plan starts from the database.
def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')

support.servers.each { server ->
    def run = server.mvn
    server.freshDatabase('moose_it_drift')
    println 'drift-on-server on ' + server.name + ' (' + server.version + ')'

    def first = run(['-Dmoose.packages=app.v1', 'moose:generate', 'moose:migrate'], 'v1.log')
    assert first.exit == 0 : first.log
    assert first.log.contains('(ClickHouse ' + server.version + ')') : 'generate did not read ' + server.name
    assert first.log.contains('[1/1] create table events')
    assert first.log.contains('Migrated: 1 operations applied.')
    def second = run(['-Dmoose.packages=app.v2', 'moose:generate'], 'v2.log')
    assert second.exit == 0 : second.log
    assert second.log.contains('+ status: String')

    // Someone adds a column by hand after the plan was made.
    server.clickhouse('ALTER TABLE moose_it_drift.events ADD COLUMN added_by_hand String')
    def before = server.schema('moose_it_drift')

    def verify = run(['-Dmoose.packages=app.v2', 'verify'], 'verify-drift.log')
    assert verify.exit != 0
    assert verify.log.contains('The database changed since the plan was generated')
    assert verify.log.contains('table events: column added_by_hand added (String)')
    assert verify.log.contains('regenerate it with mvn moose:generate')

    def migrate = run(['-Dmoose.packages=app.v2', 'moose:migrate'], 'migrate-drift.log')
    assert migrate.exit != 0
    assert migrate.log.contains('The database changed since the plan was generated')
    assert !migrate.log.contains('[1/1]')
    assert server.schema('moose_it_drift') == before : 'the refused migration changed the database'

    // Undone by hand: the plan applies, and verify passes.
    server.clickhouse('ALTER TABLE moose_it_drift.events DROP COLUMN added_by_hand')
    migrate = run(['-Dmoose.packages=app.v2', 'moose:migrate'], 'migrate.log')
    assert migrate.exit == 0 : migrate.log
    assert migrate.log.contains('[1/1] add column status String to events')
    assert server.schema('moose_it_drift').contains('events\tstatus\tString')
    verify = run(['-Dmoose.packages=app.v2', 'verify'], 'verify.log')
    assert verify.exit == 0 : verify.log
    assert verify.log.contains('Plan verified against http://default@127.0.0.1:')
    assert verify.log.contains('the plan is applied')

    // Drifted again, then regenerated: the new plan starts from the database as it is.
    server.clickhouse('ALTER TABLE moose_it_drift.events ADD COLUMN added_again String')
    assert run(['-Dmoose.packages=app.v2', 'verify'], 'verify-drift-2.log').exit != 0
    def generate = run(['-Dmoose.packages=app.v2', 'moose:generate'], 'generate-2.log')
    assert generate.exit == 0 : generate.log
    assert generate.log.contains('- added_again: String')
    verify = run(['-Dmoose.packages=app.v2', 'verify'], 'verify-2.log')
    assert verify.exit == 0 : verify.log
    assert verify.log.contains('the database is as the plan expects; run mvn moose:migrate to apply it')
}
return true
