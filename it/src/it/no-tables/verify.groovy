def log = new File(basedir, 'build.log').text
assert log.contains('No migrations directory and no declared tables: nothing to verify.')
assert log.contains('The project declares no tables, views or materialized views, and the database holds none this project manages: nothing to plan, no files written.')
assert (log =~ /BUILD SUCCESS/).count == 2
assert !new File(basedir, 'migrations').exists()
return true
