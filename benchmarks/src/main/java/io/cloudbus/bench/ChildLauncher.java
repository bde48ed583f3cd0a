package io.cloudbus.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How the driver starts a child JVM: the same java binary ({@code
 * ProcessHandle.current().info().command()}) and class path ({@code java.class.path}: {@code
 * cloudbus.jar} when run with {@code java -jar}, it is a shaded jar holding every dependency) as
 * the driver, {@code -Xmx} from {@code --child-heap}, main class {@link BenchChild}. No other JVM
 * flag is passed on.
 *
 * @param java the java executable
 * @param classPath the class path
 * @param heap the child's {@code -Xmx} value, e.g. {@code 3g}
 */
record ChildLauncher(String java, String classPath, String heap) {

  /** Validates the fields; {@code heap} must look like {@code 512m} or {@code 3g}. */
  ChildLauncher {
    if (java == null || java.isBlank()) {
      throw new IllegalArgumentException("no java executable");
    }
    if (classPath == null || classPath.isBlank()) {
      throw new IllegalArgumentException("no class path");
    }
    if (heap == null || !heap.matches("[1-9][0-9]*[kKmMgG]?")) {
      throw new IllegalArgumentException("child heap must be a size like 512m or 3g, was " + heap);
    }
  }

  /**
   * The launcher of this JVM's java and class path.
   *
   * @throws IllegalStateException when the JVM does not tell its own command
   */
  static ChildLauncher ofThisJvm(String heap) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "this JVM does not tell its java executable; use --in-process"));
    return new ChildLauncher(java, System.getProperty("java.class.path"), heap);
  }

  /** The command line of a child with the given {@link BenchChild} arguments. */
  List<String> command(String... childArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Xmx" + heap);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(BenchChild.class.getName());
    cmd.addAll(List.of(childArgs));
    return cmd;
  }
}
