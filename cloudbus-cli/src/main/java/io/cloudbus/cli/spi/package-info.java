/**
 * How another module adds a subcommand to {@code cloudbus}: implement {@link
 * io.cloudbus.cli.spi.CommandProvider} and list it in {@code
 * META-INF/services/io.cloudbus.cli.spi.CommandProvider}. See docs/architecture.md.
 */
package io.cloudbus.cli.spi;
