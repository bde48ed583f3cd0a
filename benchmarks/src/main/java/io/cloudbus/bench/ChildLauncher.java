package io.cloudbus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the driver starts a child JVM: the same java binary ({@code
 * ProcessHandle.current().info().command()}) and class path ({@code java.class.path}: {@code
 * cloudbus.jar} when run with {@code java -jar}, it is a shaded jar holding every dependency) as
 * the driver, {@code -Xmx} from {@code --child-heap}, the JVM options of {@code --child-jvm-arg}
 * (none by default), main class {@link BenchChild}. The system property {@value #JOURNAL_PROPERTY}
 * of the driver (the durable journal's directory, docs/benchmarks.md) is passed on to the child.
 *
 * @param java the java executable
 * @param classPath the class path
 * @param heap the child's {@code -Xmx} value, e.g. {@code 3g}
 * @param jvmArgs further JVM options of every child, e.g. {@code -XX:+UseSerialGC}
 */
record ChildLauncher(String java, String classPath, String heap, List<String> jvmArgs) {

  /** The bench gateway's durable journal directory (in-memory journal when absent). */
  static final String JOURNAL_PROPERTY = "cloudbus.bench.journal";

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
    jvmArgs = List.copyOf(Objects.requireNonNullElse(jvmArgs, List.of()));
    for (String arg : jvmArgs) {
      if (!arg.startsWith("-")) {
        throw new IllegalArgumentException("--child-jvm-arg must start with '-', was " + arg);
      }
    }
  }

  /** A launcher without further JVM options. */
  ChildLauncher(String java, String classPath, String heap) {
    this(java, classPath, heap, List.of());
  }

  /** This launcher with {@code more} JVM options after its own. */
  ChildLauncher withJvmArgs(List<String> more) {
    List<String> all = new ArrayList<>(jvmArgs);
    all.addAll(more);
    return new ChildLauncher(java, classPath, heap, all);
  }

  /** The JVM options of a child: {@code -Xmx}, {@link #jvmArgs}, the journal property. */
  List<String> jvmOptions() {
    List<String> options = new ArrayList<>();
    options.add("-Xmx" + heap);
    options.addAll(jvmArgs);
    String journal = System.getProperty(JOURNAL_PROPERTY);
    if (journal != null) {
      options.add("-D" + JOURNAL_PROPERTY + "=" + journal);
    }
    return options;
  }

  /**
   * The launcher of this JVM's java and class path.
   *
   * @throws IllegalStateException when the JVM does not tell its own command
   */
  static ChildLauncher ofThisJvm(String heap, List<String> jvmArgs) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "this JVM does not tell its java executable; use --in-process"));
    return new ChildLauncher(java, System.getProperty("java.class.path"), heap, jvmArgs);
  }

  /** The command line of a child with the given {@link BenchChild} arguments. */
  List<String> command(String... childArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmOptions());
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(BenchChild.class.getName());
    cmd.addAll(List.of(childArgs));
    return cmd;
  }
}
