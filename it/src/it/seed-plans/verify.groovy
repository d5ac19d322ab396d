def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
// Every seed plan that ClickHouse runs, through moose:migrate, on ClickHouse 18.16 and on ClickHouse 26.5.
support.servers.each { server ->
    def key = server.key
    def seeds = new File(basedir, '../../../../moose-core/src/test/resources/seeds/plans')
    assert seeds.isDirectory()

    // seed file, package with the code after the plan, the database before it, and what to check after
    def cases = [
        ['01-new-tables-and-view.yaml', 'seed01',
         ['CREATE TABLE source_table (id String, a_column String, some_other_column Float64) ENGINE = MergeTree ORDER BY id'],
         { db -> assert server.clickhouse("SELECT name FROM system.tables WHERE database = '" + db + "' AND name NOT LIKE '\\_moose%' ORDER BY name FORMAT TSV")
                 .readLines() == ['mv_to_target', 'new_table', 'source_table', 'target_table'] }],
        ['02-add-column.yaml', 'seed02',
         ['CREATE TABLE events (id String, name String) ENGINE = MergeTree ORDER BY id'],
         { db -> assert server.schema(db).contains('events\tnew_column\tInt64') }],
        ['03-drop-column.yaml', 'seed03',
         ['CREATE TABLE events (id String, name String, old_column Int64) ENGINE = MergeTree ORDER BY id'],
         { db -> assert !server.schema(db).contains('old_column') }],
        ['04-change-column-type.yaml', 'seed04',
         ['CREATE TABLE events (id String, some_column String) ENGINE = MergeTree ORDER BY id'],
         { db -> assert server.schema(db).contains('events\tsome_column\tLowCardinality(String)') }],
        ['07-rename-as-generated.yaml', 'seed07',
         ['CREATE TABLE source_table (id String, color String, created_at DateTime) ENGINE = MergeTree ORDER BY id'],
         { db -> assert server.schema(db).readLines().findAll { it.startsWith('source_table') } ==
                 ['source_table\tcolor\tString', 'source_table\tcreatedAt\tDateTime', 'source_table\tid\tString'] }],
        ['09-default-now.yaml', 'seed09',
         ['CREATE TABLE source_table (id String) ENGINE = MergeTree ORDER BY id'],
         { db -> def d = server.clickhouse("SELECT type, default_kind, default_expression FROM system.columns WHERE database = '" + db
                 + "' AND name = 'created_at' FORMAT TSV").trim()
                 // the server may store the default as CAST(now(), 'Nullable(DateTime)')
                 assert d.startsWith('Nullable(DateTime)\tDEFAULT\t') && d.contains('now()') }],
    ]

    cases.each { c ->
        def (seed, pkg, setup, check) = c
        def db = 'moose_it_' + pkg
        server.freshDatabase(db)
        setup.each { server.clickhouse(it.replace('CREATE TABLE ', 'CREATE TABLE `' + db + '`.')) }
        def common = ['-Dmoose.packages=' + pkg, '-Dmoose.migrationsDir=migrations/' + key + '/' + pkg, '-Dmoose.url=' + server.url + '/' + db]
        def generate = support.mvn(common + ['moose:generate'], key + '-' + pkg + '-generate.log')
        assert generate.exit == 0 : generate.log
        // the reviewer replaces the generated plan with the seed's
        new File(basedir, 'migrations/' + key + '/' + pkg + '/plan.yaml').text = new File(seeds, seed).getText('UTF-8')
        def migrate = support.mvn(common + ['moose:migrate'], key + '-' + pkg + '-migrate.log')
        assert migrate.exit == 0 : seed + ':\n' + migrate.log
        assert migrate.log.contains('Migrated: ') : seed
        check(db)
        println seed + ': applied on ' + server.name
    }

    // A rename as the reviewer edited it: RENAME COLUMN arrived in 20.4; on an older server it is refused before
    // anything runs, naming the operation and the release.
    def version = server.version
    def db = 'moose_it_seed06'
    server.freshDatabase(db)
    server.clickhouse('CREATE TABLE `' + db + '`.events (user_id String, deprecated_field String, createdAt DateTime, value Float64) '
            + 'ENGINE = MergeTree ORDER BY user_id')
    def common = ['-Dmoose.packages=seed06', '-Dmoose.migrationsDir=migrations/' + key + '/seed06', '-Dmoose.url=' + server.url + '/' + db]
    // generate writes the snapshots (and, on an old server, fails on the rename its own plan holds)
    support.mvn(common + ['moose:generate'], key + '-seed06-generate.log')
    new File(basedir, 'migrations/' + key + '/seed06/plan.yaml').text = new File(seeds, '06-reviewed-and-edited.yaml').getText('UTF-8')
    def before = server.schema(db)
    def migrate = support.mvn(common + ['moose:migrate'], key + '-seed06-migrate.log')
    def (major, minor) = version.tokenize('.').take(2)*.toInteger()
    if (major < 20 || (major == 20 && minor < 4)) {
        assert migrate.exit != 0
        assert migrate.log.contains('The plan cannot run on this server, ClickHouse ' + version)
        assert migrate.log.contains('operation 2 RenameTableColumn') && migrate.log.contains('arrived in ClickHouse 20.4')
        assert server.schema(db) == before : 'the refused plan changed the database'
    } else {
        assert migrate.exit == 0 : migrate.log
        assert server.schema(db).contains('events\tcreated_at\tDateTime')
        assert server.schema(db).contains('events\tstatus\tNullable(String)')
    }
}
return true
