def log = new File(basedir, 'build.log').text
assert log.contains('moose:help')
assert log.contains('BUILD SUCCESS')

// The descriptor in the installed plugin: goal prefix and thread safety as declared.
def jar = new File(localRepositoryPath, 'dev/moose/moose-maven-plugin/' + projectVersion + '/moose-maven-plugin-' + projectVersion + '.jar')
assert jar.isFile() : "plugin not installed at $jar"
def zip = new java.util.zip.ZipFile(jar)
def descriptor = new groovy.xml.XmlSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/maven/plugin.xml')))
zip.close()
assert descriptor.goalPrefix.text() == 'moose'
return true
