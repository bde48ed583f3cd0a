package io.cloudbus.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --verbose}: cloudbus's own loggers at INFO (connection lifecycle, token refreshes) instead
 * of the default WARN, so that a terminal shows the command's output (URLs, events, status lines)
 * first. {@code CLOUDBUS_LOG_LEVEL} sets any level in {@code logback.xml}; {@code --verbose} only
 * ever lowers the level to INFO (a DEBUG from the environment stays). A picocli mixin.
 */
final class Verbosity {

  @Option(
      names = "--verbose",
      description =
          "Log cloudbus's connection lifecycle at INFO on stderr (default: WARN;"
              + " CLOUDBUS_LOG_LEVEL sets any level).")
  void verbose(boolean on) {
    if (on) {
      Logger logger = LoggerFactory.getLogger("io.cloudbus");
      if (logger instanceof ch.qos.logback.classic.Logger l && !l.isInfoEnabled()) {
        l.setLevel(ch.qos.logback.classic.Level.INFO);
      }
    }
  }
}
