/** Supported API: reading the annotated classes of a project into the model, through their class files only. */
package dev.moose.core.scan;
