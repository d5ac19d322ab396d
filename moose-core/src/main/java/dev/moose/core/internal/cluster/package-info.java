/**
 * Internal (clusters): the hosts of a cluster as the connected server knows them, each read through it, and what
 * differs between them.
 */
package dev.moose.core.internal.cluster;
