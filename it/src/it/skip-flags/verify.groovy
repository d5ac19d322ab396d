def log = new File(basedir, 'build.log').text
// 1: moose.skip skips every goal
assert log.contains('Skipping moose:generate because moose.skip is true')
assert log.contains('Skipping moose:migrate because moose.skip is true')
assert log.contains('Skipping moose:dev because moose.skip is true')
assert log.contains('Skipping moose:verify because moose.skip is true')
// 2: each goal's own flag
assert log.contains('Skipping moose:generate because moose.generate.skip is true')
assert log.contains('Skipping moose:migrate because moose.migrate.skip is true')
assert log.contains('Skipping moose:dev because moose.dev.skip is true')
assert log.contains('Skipping moose:verify because moose.verify.skip is true')
assert (log =~ /BUILD SUCCESS/).count == 2
// 3: not skipped, verify fails: a table is declared and there is no plan
assert log.contains('but has no migrations in')
assert log.contains('Create the plan with: mvn moose:generate')
// nothing was written but the goals' reports, no server was started
assert !new File(basedir, 'migrations').exists()
def written = new File(basedir, 'target/moose').list().toList().sort()
assert written == ['TEST-moose-verify.xml', 'dev-report.json', 'generate-report.json', 'migrate-report.json', 'verify-report.json'] : written
assert new File(basedir, 'target/moose/generate-report.json').text.contains('"status" : "skipped"')
assert new File(basedir, 'target/moose/verify-report.json').text.contains('"condition" : "bad_input"')
return true
