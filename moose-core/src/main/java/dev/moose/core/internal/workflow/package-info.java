/** Internal (watching compiled classes for the development loop): no compatibility promise, may change in any release. */
package dev.moose.core.internal.workflow;
