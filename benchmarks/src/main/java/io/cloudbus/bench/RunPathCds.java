package io.cloudbus.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Class data sharing of the run-path children, made as the launchers make it ({@code bin/cloudbus}
 * and {@code ./cloudbus} source {@code cloudbus-cds.sh}): a first {@code cloudbus run} with {@code
 * -XX:ArchiveClassesAtExit} writes the archive when it is stopped with SIGTERM; later runs start
 * with {@code -XX:SharedArchiveFile}. Here the first run is a short training row ({@value
 * #TRAINING_EVENTS} events per figure, journal on, one {@code /ws} client) per vendor, not printed;
 * the measured rows use {@code -Xshare:on}, so an archive the JVM refuses fails the row instead of
 * silently measuring a start without it.
 */
final class RunPathCds {

  /** Events of each figure of the training run. */
  static final long TRAINING_EVENTS = 2_000;

  /** {@code --run-path-cds} values. */
  static final List<String> MODES = List.of("on", "off", "both");

  private RunPathCds() {}

  /** The settings a {@code --run-path-cds} value asks for: true = with the archive. */
  static boolean[] settings(String mode) {
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "on" -> new boolean[] {true};
      case "off" -> new boolean[] {false};
      case "both" -> new boolean[] {false, true};
      default ->
          throw new IllegalArgumentException(
              "--run-path-cds must be one of " + MODES + ", was " + mode);
    };
  }

  /**
   * Refuses class data sharing when this JVM's classes come from a directory (a build's {@code
   * target/classes}, a test run): JDK 17 writes no dynamic archive for a class path with a
   * non-empty directory. {@code java -jar cloudbus.jar} qualifies.
   *
   * @throws IllegalArgumentException naming the directory and the way out
   */
  static void requireJarClassPath(String mode) {
    if (!settings(mode)[settings(mode).length - 1]) {
      return;
    }
    java.security.CodeSource source = RunPathCds.class.getProtectionDomain().getCodeSource();
    String location = source == null ? null : source.getLocation().getPath();
    if (location == null || location.endsWith("/")) {
      throw new IllegalArgumentException(
          "--run-path-cds "
              + mode
              + " needs the classes in jars (java -jar cloudbus.jar): JDK 17 archives no class"
              + " path with a directory, and these classes come from "
              + location
              + "; use --run-path-cds off");
    }
  }

  /** The JVM options of the first run, which writes {@code archive} at its exit. */
  static List<String> dump(Path archive) {
    return List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off,cds+dynamic=off");
  }

  /** The JVM options of a run with {@code archive}; the JVM fails when it refuses it. */
  static List<String> use(Path archive) {
    return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on");
  }
}
