/** Runnable examples, compiled with the module so that the documentation cannot rot. */
package io.cloudbus.client.examples;
