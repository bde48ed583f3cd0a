package io.cloudbus.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The Maven project version, filtered into {@code version.properties} at build time. Public so that
 * a subcommand from a {@link io.cloudbus.cli.spi.CommandProvider} can name it in {@code
 * versionProvider}.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} if the resource is missing. */
  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "cloudbus " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
