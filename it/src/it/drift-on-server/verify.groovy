def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
def log = new File(basedir, 'build.log').text
assert log.contains('[1/1] create table events')
assert log.contains('Migrated: 1 operations applied.')
assert log.contains('+ status: String')
assert (log =~ /BUILD SUCCESS/).count == 2

// Someone adds a column by hand after the plan was made.
support.clickhouse('ALTER TABLE moose_it_drift.events ADD COLUMN added_by_hand String')
def before = support.schema('moose_it_drift')

def verify = support.mvn(['-Dmoose.packages=app.v2', 'verify'], 'verify-drift.log')
assert verify.exit != 0
assert verify.log.contains('The database changed since the plan was generated')
assert verify.log.contains('table events: column added_by_hand added (String)')
assert verify.log.contains('regenerate it with mvn moose:generate')

def migrate = support.mvn(['-Dmoose.packages=app.v2', 'moose:migrate'], 'migrate-drift.log')
assert migrate.exit != 0
assert migrate.log.contains('The database changed since the plan was generated')
assert !migrate.log.contains('[1/1]')
assert support.schema('moose_it_drift') == before : 'the refused migration changed the database'

// Undone by hand: the plan applies, and verify passes.
support.clickhouse('ALTER TABLE moose_it_drift.events DROP COLUMN added_by_hand')
migrate = support.mvn(['-Dmoose.packages=app.v2', 'moose:migrate'], 'migrate.log')
assert migrate.exit == 0 : migrate.log
assert migrate.log.contains('[1/1] add column status String to events')
assert support.schema('moose_it_drift').contains('events\tstatus\tString')
verify = support.mvn(['-Dmoose.packages=app.v2', 'verify'], 'verify.log')
assert verify.exit == 0 : verify.log
assert verify.log.contains('Plan verified against http://default@127.0.0.1:')
assert verify.log.contains('the plan is applied')

// Drifted again, then regenerated: the new plan starts from the database as it is.
support.clickhouse('ALTER TABLE moose_it_drift.events ADD COLUMN added_again String')
assert support.mvn(['-Dmoose.packages=app.v2', 'verify'], 'verify-drift-2.log').exit != 0
def generate = support.mvn(['-Dmoose.packages=app.v2', 'moose:generate'], 'generate-2.log')
assert generate.exit == 0 : generate.log
assert generate.log.contains('- added_again: String')
verify = support.mvn(['-Dmoose.packages=app.v2', 'verify'], 'verify-2.log')
assert verify.exit == 0 : verify.log
assert verify.log.contains('the database is as the plan expects; run mvn moose:migrate to apply it')
return true
