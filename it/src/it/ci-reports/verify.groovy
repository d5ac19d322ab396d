// Every goal writes a JSON report a pipeline can read (valid against the site's schema, no password in it), and
// verify writes its checks as JUnit XML: on ClickHouse 18.16 and on ClickHouse 26.5.
import com.fasterxml.jackson.databind.ObjectMapper
import com.networknt.schema.JsonSchemaFactory
import com.networknt.schema.SpecVersion
import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')

def schemaFile = new File(basedir, '../../../../src/site/resources/report-schema-1.json')
def schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaFile.text)
def mapper = new ObjectMapper()
// kept for the site's "Using it in CI" page: reports/<name>.json of the last server
reportName = null
// the report of a goal: valid against the schema, without the password, read as a map
def report = { String goal ->
    def file = new File(basedir, 'target/moose/' + goal + '-report.json')
    assert file.exists() : 'no report for ' + goal
    def text = file.text
    def problems = schema.validate(mapper.readTree(text))
    assert problems.isEmpty() : goal + ': ' + problems + '\n' + text
    assert !text.contains(support.password) : 'the password is in the ' + goal + ' report'
    new File(basedir, 'reports/' + (reportName ?: goal) + '.json').with { parentFile.mkdirs(); it.text = text }
    new JsonSlurper().parseText(text)
}

// verify's JUnit file: its test cases as [name, failure text or null]
def junitCases = {
    def doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(basedir, 'target/moose/TEST-moose-verify.xml'))
    def nodes = doc.getElementsByTagName('testcase')
    (0..<nodes.length).collect { i ->
        def failure = nodes.item(i).getElementsByTagName('failure')
        [nodes.item(i).getAttribute('name'), failure.length > 0 ? failure.item(0).textContent : null]
    }
}

support.servers.each { server ->
    def database = 'moose_it_reports'
    server.freshDatabase(database)
    // the password in the URL: the reports name the URL without it
    def url = server.url.replace('://', '://moose_it:' + support.password + '@') + '/' + database
    def run = { List<String> args, String name ->
        new File(basedir, 'target/moose').deleteDir()
        server.mvn(['-Dmoose.url=' + url, '-Dmoose.migrationsDir=migrations/' + server.key] + args, name)
    }

    def generated = run(['moose:generate'], 'generate.log')
    assert generated.exit == 0 : generated.log
    def g = report('generate')
    assert g.goal == 'generate' && g.outcome.status == 'generated' && g.outcome.condition == 'ok'
    assert g.target.url.startsWith('http://moose_it@127.0.0.1:') && g.target.server_version == server.version
    assert g.operations*.name == ['CreateTable'] && g.operations[0].effect == 'metadata' && !g.operations[0].destructive
    assert g.files == ['migrations/' + server.key + '/plan.yaml', 'migrations/' + server.key + '/remote_state.json',
                       'migrations/' + server.key + '/local_infra_map.json']

    def migrated = run(['moose:migrate', '-Dmoose.reportToStdout=true'], 'migrate.log')
    assert migrated.exit == 0 : migrated.log
    def m = report('migrate')
    assert m.outcome.status == 'applied'
    assert m.operations[0].status == 'applied' && m.operations[0].statements_run == 1 && m.operations[0].millis >= 0
    assert migrated.log.contains('"goal" : "migrate"') : 'moose.reportToStdout prints the report'

    def verified = run(['moose:verify'], 'verify.log')
    assert verified.exit == 0 : verified.log
    def v = report('verify')
    assert v.outcome.status == 'verified'
    assert v.checks*.result == ['passed', 'passed', 'passed', 'passed', 'not_run']
    def cases = junitCases()
    assert cases.size() == 5 && cases.every { it[1] == null } : cases

    def dev = run(['moose:dev', '-Dmoose.dev.once=true'], 'dev.log')
    assert dev.exit == 0 : dev.log
    assert report('dev').outcome.status == 'unchanged'

    // drift: a column added by hand; verify fails, its JUnit file names the table, the report says why
    server.clickhouse('ALTER TABLE `' + database + '`.events ADD COLUMN note String')
    def drifted = run(['moose:verify'], 'verify-drift.log')
    assert drifted.exit != 0
    reportName = 'verify-drift'
    v = report('verify')
    reportName = null
    new File(basedir, 'reports/TEST-moose-verify-drift.xml').text = new File(basedir, 'target/moose/TEST-moose-verify.xml').text
    assert v.outcome.status == 'refused' && v.outcome.condition == 'drift'
    assert v.drift.any { it.object == 'table events' && it.difference.contains('note') } : v.drift
    assert v.checks*.result == ['passed', 'passed', 'passed', 'failed', 'not_run']
    cases = junitCases()
    assert cases.any { it[0] == 'table events' && it[1]?.contains('note') } : cases
    assert !new File(basedir, 'target/moose/TEST-moose-verify.xml').text.contains(support.password)

    // a plan that drops the column: failOnDestructive fails generate (which still writes it) and verify, as destructive
    def destructive = run(['moose:generate', '-Dmoose.failOnDestructive=true'], 'generate-destructive.log')
    assert destructive.exit != 0
    g = report('generate')
    assert g.outcome.condition == 'destructive' && g.operations.any { it.destructive && it.destructive_reason }
    def verifyDestructive = run(['moose:verify', '-Dmoose.failOnDestructive=true'], 'verify-destructive.log')
    assert verifyDestructive.exit != 0
    assert report('verify').outcome.condition == 'destructive'

    // a skipped goal
    def skipped = run(['moose:migrate', '-Dmoose.migrate.skip=true'], 'skipped.log')
    reportName = 'migrate-skipped'
    assert skipped.exit == 0 && report('migrate').outcome.status == 'skipped'
    reportName = null
}
return true
