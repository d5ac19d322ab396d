def log = new File(basedir, 'build.log').text
// 1: generate + migrate on the embedded server
assert log.contains('+ Table: events (id Int64, name String) ORDER BY id')
assert log.contains('[1/1] create table events')
assert log.contains('Migrated: 1 operations applied.')
// 2: verify passes offline
assert log.contains('Plan verified: the code matches local_infra_map.json')
// 3: verify fails: the code changed since the plan was generated
assert log.contains('The code changed since the plan was generated')
assert log.contains('table events: column status added (LowCardinality(String))')
assert log.contains('Run mvn moose:generate to make a plan from the current code')
// 4: a new plan, applied; verify passes again
assert log.contains('~ Table events:')
assert log.contains('+ status: LowCardinality(String)')
assert log.contains('[1/1] add column status LowCardinality(String) to events')
def plan = new File(basedir, 'migrations/plan.yaml').text
assert plan.contains('- AddTableColumn:')
assert (log =~ /BUILD SUCCESS/).count == 3
return true
