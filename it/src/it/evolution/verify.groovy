// A project through three versions, on ClickHouse 18.16 and on ClickHouse 26.5, as users run the goals.
def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')
def db = 'moose_it_evolution'

support.servers.each { server ->
    def key = server.key
    def renames = !(server.version.startsWith('18.') || server.version.startsWith('19.')
            || (server.version.startsWith('20.') && server.version.tokenize('.')[1].toInteger() < 4))
    def run = server.mvn
    def rows = { String sql -> server.clickhouse(sql + ' FORMAT TSV').readLines() }
    server.freshDatabase(db)
    println 'evolution on ' + server.name + ' (' + server.version + ')'

    // v1: two tables and a materialized view between them
    def v1 = run(['-Dmoose.packages=app.v1', 'moose:generate', 'moose:migrate'], 'v1.log')
    assert v1.exit == 0 : v1.log
    assert v1.log.contains('(ClickHouse ' + server.version + ')')
    server.clickhouse("INSERT INTO ${db}.sales VALUES (1, 'a', 5, 'x'), (2, 'a', 20, 'y'), (3, 'b', 30, 'z'), (4, 'c', 1, 'w')")
    assert rows("SELECT shop, sum(total) FROM ${db}.shop_totals GROUP BY shop ORDER BY shop") == ['a\t25', 'b\t30', 'c\t1']

    // v2 planned; the code then changes again before migrate: refused, nothing changed
    def v2plan = run(['-Dmoose.packages=app.v2', 'moose:generate'], 'v2-generate.log')
    assert v2plan.exit == 0 : v2plan.log
    def before = server.schema(db)
    def stale = run(['-Dmoose.packages=app.v1', 'moose:migrate'], 'v2-stale.log')
    assert stale.exit != 0
    assert stale.log.contains('The code changed since the plan was generated')
    assert server.schema(db) == before : 'a refused migration changed the database'

    // v2 applied: a column dropped, one added, one's type changed, the view's SELECT changed and its target refilled
    def v2 = run(['-Dmoose.packages=app.v2', 'moose:migrate'], 'v2-migrate.log')
    assert v2.exit == 0 : v2.log
    def schema = server.schema(db)
    assert schema.contains('sales\tamount\tDecimal(18, 2)')
    assert schema.contains('sales\tcountry\tLowCardinality(String)')
    assert !schema.contains('legacy_code')
    assert rows("SELECT count(), toFloat64(sum(amount)) FROM ${db}.sales") == ['4\t56']
    assert rows("SELECT shop, sum(total) FROM ${db}.shop_totals GROUP BY shop ORDER BY shop") == ['a\t20', 'b\t30']

    // drift by hand: refused with the database unchanged; undone, verify is green at the target
    server.clickhouse("ALTER TABLE ${db}.sales ADD COLUMN by_hand String")
    before = server.schema(db)
    def drifted = run(['-Dmoose.packages=app.v2', 'moose:migrate'], 'v2-drift.log')
    assert drifted.exit != 0
    assert drifted.log.contains('The database changed since the plan was generated')
    assert server.schema(db) == before : 'a refused migration changed the database'
    server.clickhouse("ALTER TABLE ${db}.sales DROP COLUMN by_hand")
    def green = run(['-Dmoose.packages=app.v2', 'verify'], 'v2-verify.log')
    assert green.exit == 0 : green.log
    assert green.log.contains('the plan is applied')

    // v3: a rename from @Column(renamedFrom), every row kept; 18.16 has no RENAME COLUMN and refuses before anything runs
    before = server.schema(db)
    def v3plan = run(['-Dmoose.packages=app.v3', 'moose:generate'], 'v3-generate.log')
    def v3 = v3plan.exit == 0 ? run(['-Dmoose.packages=app.v3', 'moose:migrate'], 'v3-migrate.log') : v3plan
    if (renames) {
        assert v3plan.exit == 0 : v3plan.log
        assert new File(basedir, 'migrations/' + key + '/plan.yaml').text.contains('RenameTableColumn')
        assert v3.exit == 0 : v3.log
        schema = server.schema(db)
        assert schema.contains('sales\tstore\tString') && !schema.contains('sales\tshop\t')
        assert rows("SELECT id, store, toFloat64(amount) FROM ${db}.sales ORDER BY id") == ['1\ta\t5', '2\ta\t20', '3\tb\t30', '4\tc\t1']
        assert rows("SELECT shop, sum(total) FROM ${db}.shop_totals GROUP BY shop ORDER BY shop") == ['a\t20', 'b\t30']
        green = run(['-Dmoose.packages=app.v3', 'verify'], 'v3-verify.log')
        assert green.exit == 0 : green.log
        assert green.log.contains('the plan is applied')
    } else {
        assert v3.exit != 0
        assert v3.log.contains('RENAME COLUMN') && v3.log.contains('20.4') : v3.log
        assert server.schema(db) == before : 'the refused rename changed the database'
        assert rows("SELECT count() FROM ${db}.sales") == ['4']
    }
}
return true
