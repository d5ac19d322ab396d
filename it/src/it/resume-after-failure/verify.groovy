def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
// On ClickHouse 18.16 and on ClickHouse 26.5: a plan whose second operation fails stops there, and resumes there.
support.servers.each { server ->
    def key = server.key
    def db = 'moose_it_resume'
    server.freshDatabase(db)
    def common = ['-Dmoose.url=' + server.url + '/' + db, '-Dmoose.migrationsDir=migrations/' + key]
    def generated = support.mvn(common + ['moose:generate'], key + '-generate.log')
    assert generated.exit == 0 : generated.log
    def planFile = new File(basedir, 'migrations/' + key + '/plan.yaml')
    def plan = planFile.text
    assert plan.contains('name: first_table') && plan.contains('name: second_table')

    // A reviewer adds a backfill between the two tables, with a mistake in it.
    def edited = plan.replace('  - CreateTable:\n      table:\n        name: second_table',
            '  - RawSql:\n      sql:\n        - INSERT INTO first_tabel (id) VALUES (1)\n      description: Seed one row\n\n' +
            '  - CreateTable:\n      table:\n        name: second_table')
    assert edited != plan
    planFile.text = edited

    def failed = support.mvn(common + ['moose:migrate'], key + '-migrate-1.log')
    assert failed.exit != 0
    assert failed.log.contains('[1/3] create table first_table')
    assert failed.log.contains('Operation 2 of 3 (RawSql: Seed one row) failed')
    assert failed.log.contains('first_tabel')
    assert failed.log.contains('it resumes at operation 2')
    assert !failed.log.contains('[3/3]')

    // Fixed, migrate resumes at operation 2.
    planFile.text = edited.replace('first_tabel', 'first_table')
    def resumed = support.mvn(common + ['moose:migrate'], key + '-migrate-2.log')
    assert resumed.exit == 0 : resumed.log
    assert resumed.log.contains('Resuming: operations 1 to 1 of 3 were applied by a previous run')
    assert !resumed.log.contains('[1/3]')
    assert resumed.log.contains('[2/3] Seed one row')
    assert resumed.log.contains('[3/3] create table second_table')
    assert resumed.log.contains('Migrated: resumed at operation 2, 2 operations applied.')
    assert server.clickhouse("SELECT name, engine FROM system.tables WHERE database = '" + db
            + "' AND name NOT LIKE '\\_moose%' ORDER BY name FORMAT TSV").readLines() == ['first_table\tMergeTree', 'second_table\tMergeTree']
    // the backfill ran exactly once
    assert server.clickhouse('SELECT count() FROM `' + db + '`.first_table').trim() == '1'

    // Once more: nothing to do.
    def again = support.mvn(common + ['moose:migrate'], key + '-migrate-3.log')
    assert again.exit == 0 : again.log
    assert again.log.contains('Nothing to do: the database already matches the code.')
}
return true
