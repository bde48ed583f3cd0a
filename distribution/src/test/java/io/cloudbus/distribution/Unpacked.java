package io.cloudbus.distribution;

import static io.cloudbus.distribution.Patience.PATIENT_SECONDS;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The distribution tarball built by this module, unpacked with the system's tar as a user would.
 */
final class Unpacked {

  private Unpacked() {}

  /** The tarball of the build ({@code cloudbus.distribution}, set by the pom). */
  static Path archive() {
    String path = System.getProperty("cloudbus.distribution");
    if (path == null) {
      throw new IllegalStateException("run through Maven: cloudbus.distribution is not set");
    }
    return Path.of(path);
  }

  /** Unpacks the tarball into {@code dir} and returns the distribution's root directory. */
  static Path into(Path dir) throws IOException, InterruptedException {
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive().toString(), "-C", dir.toString())
            .redirectErrorStream(true)
            .start();
    if (!tar.waitFor(PATIENT_SECONDS, TimeUnit.SECONDS) || tar.exitValue() != 0) {
      throw new IOException("tar failed: " + new String(tar.getInputStream().readAllBytes()));
    }
    return dir.resolve("cloudbus-" + System.getProperty("cloudbus.version"));
  }

  /** {@code bin/cloudbus args...} in {@code home}, its working directory a fresh one. */
  static ProcessBuilder cloudbus(Path home, Path workDir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/cloudbus").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    // The test's own JVM is the Java 17+ the distribution needs.
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("CLASSPATH");
    return pb;
  }
}
