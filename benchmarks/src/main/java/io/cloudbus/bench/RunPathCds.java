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
   * Refuses class data sharing when the children's class path holds a directory (a build's {@code
   * target/classes}, a test run; also through a jar manifest's {@code Class-Path}, as a test
   * runner's booter jar has): JDK 17 writes no dynamic archive then. {@code java -jar cloudbus.jar}
   * qualifies.
   *
   * @throws IllegalArgumentException naming the directory and the way out
   */
  static void requireJarClassPath(String mode, String classPath) {
    if (!settings(mode)[settings(mode).length - 1]) {
      return;
    }
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      String directory = directoryIn(Path.of(entry));
      if (directory != null) {
        throw new IllegalArgumentException(
            "--run-path-cds "
                + mode
                + " needs a class path of jars only (java -jar cloudbus.jar): JDK 17 archives no"
                + " class path with a directory, and this one has "
                + directory
                + "; use --run-path-cds off");
      }
    }
  }

  /** {@code entry} when it is a directory, else a directory of its manifest's Class-Path. */
  private static String directoryIn(Path entry) {
    if (java.nio.file.Files.isDirectory(entry)) {
      return entry.toString();
    }
    if (!java.nio.file.Files.isRegularFile(entry)) {
      return null;
    }
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry.toFile())) {
      java.util.jar.Manifest manifest = jar.getManifest();
      String cp =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(java.util.jar.Attributes.Name.CLASS_PATH);
      if (cp != null) {
        for (String url : cp.trim().split("\\s+")) {
          if (url.endsWith("/")) {
            return url;
          }
        }
      }
      return null;
    } catch (java.io.IOException e) {
      return null; // not a jar: the JVM will say so
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
