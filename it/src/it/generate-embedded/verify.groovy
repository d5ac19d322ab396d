def log = new File(basedir, 'build.log').text
assert log.contains('No moose.url: using the embedded ClickHouse')
assert log.contains('Changes (3 operations):')
assert log.contains('+ Table: order (id Int64, placed_at DateTime(\'UTC\'), country LowCardinality(String), coupon Nullable(String), status String, total Decimal(38, 9)) ORDER BY (id, placed_at)')
assert log.contains('+ Materialized View: daily_revenue_mv')
assert log.contains('BUILD SUCCESS')

def migrations = new File(basedir, 'migrations')
def plan = new File(migrations, 'plan.yaml').text
assert plan.contains('- CreateTable:')
assert plan.contains('name: order')
assert plan.contains('- CreateMaterializedView:')
assert plan =~ /created_at: \d{4}-\d\d-\d\dT/
def local = new groovy.json.JsonSlurper().parse(new File(migrations, 'local_infra_map.json'))
assert local.format_version == 1
assert local.about.clickhouse_version == '18.16'
assert local.tables.keySet() == ['daily_revenue', 'order'] as Set
def remote = new groovy.json.JsonSlurper().parse(new File(migrations, 'remote_state.json'))
assert remote.tables.isEmpty()

// The embedded server was stopped: its pid file is gone.
assert !new File(basedir, 'target/moose/clickhouse/server.pid').exists()
return true
