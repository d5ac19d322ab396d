/**
 * Supported API: the four things this project does, for an application or a build tool to call. {@link
 * dev.moose.core.api.Generator} plans, {@link dev.moose.core.api.Migrator} applies a plan, {@link
 * dev.moose.core.api.Verifier} checks one, {@link dev.moose.core.api.DevLoop} applies every compiled change to a
 * development server; {@link dev.moose.core.api.MigrationFiles} and {@link dev.moose.core.api.MigrationInput} are
 * their files. With the model, types, plan, server, scan and version packages, this is what a caller may rely on;
 * the {@code dev.moose.core.internal} packages may change in any release.
 */
package dev.moose.core.api;
