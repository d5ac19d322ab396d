def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
def planFile = new File(basedir, 'migrations/plan.yaml')
def plan = planFile.text
assert plan.contains('name: first_table') && plan.contains('name: second_table')

// A reviewer adds a backfill between the two tables, with a mistake in it.
def edited = plan.replace('  - CreateTable:\n      table:\n        name: second_table',
        '  - RawSql:\n      sql:\n        - INSERT INTO first_tabel (id) VALUES (1)\n      description: Seed one row\n\n' +
        '  - CreateTable:\n      table:\n        name: second_table')
assert edited != plan
planFile.text = edited

def failed = support.mvn(['moose:migrate'], 'migrate-1.log')
assert failed.exit != 0
assert failed.log.contains('[1/3] create table first_table')
assert failed.log.contains('Operation 2 of 3 (RawSql: Seed one row) failed')
assert failed.log.contains('first_tabel')
assert failed.log.contains('it resumes at operation 2')
assert !failed.log.contains('[3/3]')

// Fixed, migrate resumes at operation 2.
planFile.text = edited.replace('first_tabel', 'first_table')
def resumed = support.mvn(['moose:migrate'], 'migrate-2.log')
assert resumed.exit == 0 : resumed.log
assert resumed.log.contains('Resuming: operations 1 to 1 of 3 were applied by a previous run')
assert !resumed.log.contains('[1/3]')
assert resumed.log.contains('[2/3] Seed one row')
assert resumed.log.contains('[3/3] create table second_table')
assert resumed.log.contains('Migrated: resumed at operation 2, 2 operations applied.')
assert resumed.log.contains('first_table (MergeTree)')
assert resumed.log.contains('second_table (MergeTree)')

// Once more: nothing to do.
def again = support.mvn(['moose:migrate'], 'migrate-3.log')
assert again.exit == 0 : again.log
assert again.log.contains('Nothing to do: the database already matches the code.')
return true
