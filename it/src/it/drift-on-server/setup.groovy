def support = evaluate(new File(basedir, '../../../src/it/lib/support.groovy'))
support.freshDatabase('moose_it_drift')
return true
