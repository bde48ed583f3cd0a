package io.cloudbus.bench;

import io.cloudbus.cli.Terminal;
import io.cloudbus.cli.spi.CommandProvider;

/**
 * Adds {@code cloudbus bench} ({@link BenchCommand}) to the command line; listed in {@code
 * META-INF/services/io.cloudbus.cli.spi.CommandProvider} of this module.
 */
public final class BenchCommandProvider implements CommandProvider {

  @Override
  public Object command(Terminal terminal) {
    return new BenchCommand(terminal);
  }
}
