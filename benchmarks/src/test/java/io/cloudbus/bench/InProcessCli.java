package io.cloudbus.bench;

import io.cloudbus.cli.CloudbusCli;
import io.cloudbus.cli.Terminal;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;

/**
 * Runs the whole {@code cloudbus} command line in this JVM with captured output, so that {@code
 * bench} is found the way {@code cloudbus.jar} finds it: through the {@code CommandProvider} listed
 * in this module's {@code META-INF/services}. Runs on the calling thread.
 */
final class InProcessCli {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Terminal terminal =
      new Terminal(
          new PrintWriter(out, true),
          new PrintWriter(err, true),
          new BufferedReader(new StringReader("")),
          name -> null);

  /** Runs to completion and returns the exit code. */
  int execute(String... args) {
    return CloudbusCli.commandLine(terminal).execute(args);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
