/**
 * The {@code cloudbus} command line (picocli): {@link io.cloudbus.cli.CloudbusCli} with the
 * commands {@code demo}, {@code run}, {@code mock-cloud}, {@code tail} and {@code login
 * simplisafe}. Commands only wire: the service is {@code io.cloudbus.service}, accounts come from
 * each adapter's {@code AdapterProvider}, the mock cloud from {@code io.cloudbus.mock}.
 *
 * <p>Every command talks to a {@link io.cloudbus.cli.Terminal} (streams, environment, stop signal)
 * so that tests run it in-process with captured output; long-running commands block their own
 * thread until Ctrl-C (a shutdown hook) or a test asks them to stop, then close Vert.x. See
 * docs/cli.md.
 */
package io.cloudbus.cli;
