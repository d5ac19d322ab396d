// The plugin that ran is the jar in the IT repository, and that jar is the one this reactor just built: a stale
// dev.moose artifact in the outer local repository (~/.m2) can never be what the integration tests exercise.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')

def reactor = new File(basedir, '../../../..').canonicalFile            // it/target/it/plugin-is-fresh -> the reactor root
def repo = new File(localRepositoryPath.toString()).canonicalFile
def installed = { String artifactId -> new File(repo, "dev/moose/$artifactId/$projectVersion/$artifactId-${projectVersion}.jar") }
def built = { String module -> new File(reactor, "$module/target/$module-${projectVersion}.jar") }
def sha256 = { File f -> java.security.MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }

def matcher = log =~ /moose-maven-plugin (\S+) loaded from (.+)/
assert matcher.find() : 'the plugin did not say which jar it was loaded from (is -X on?)'
def version = matcher.group(1)
def ran = new File(matcher.group(2).trim()).canonicalFile
assert version == projectVersion : "the builds ran moose-maven-plugin $version, not the reactor's $projectVersion"
assert ran == installed('moose-maven-plugin').canonicalFile :
        "the builds ran the plugin from $ran, not from the IT repository ${installed('moose-maven-plugin')}: a stale copy from the outer local repository"

['moose-annotations', 'moose-core', 'moose-maven-plugin'].each { module ->
    def jar = installed(module)
    assert jar.isFile() : "$module is not in the IT repository ($jar): invoker:install did not copy it from the reactor"
    assert built(module).isFile() : "$module was not built in this reactor (${built(module)})"
    assert sha256(jar) == sha256(built(module)) :
            "$module in the IT repository ($jar) is not the jar this reactor built (${built(module)})"
}
return true
