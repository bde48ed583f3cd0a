package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildLauncherTest {

  @Test
  void commandIsJavaHeapClassPathMainClassThenArguments() {
    ChildLauncher launcher = new ChildLauncher("/jdk/bin/java", "/x/cloudbus.jar", "3g");

    assertThat(launcher.command("gateway", "ws://127.0.0.1:1/pylight", "1000"))
        .containsExactly(
            "/jdk/bin/java",
            "-Xmx3g",
            "-cp",
            "/x/cloudbus.jar",
            "io.cloudbus.bench.BenchChild",
            "gateway",
            "ws://127.0.0.1:1/pylight",
            "1000");
  }

  @Test
  void jvmArgsComeAfterTheHeapAndTheJournalPropertyIsPassedOn() {
    ChildLauncher launcher =
        new ChildLauncher("java", "cp", "1g", List.of("-XX:+UseSerialGC"))
            .withJvmArgs(List.of("-Xshare:on"));
    String before = System.getProperty(ChildLauncher.JOURNAL_PROPERTY);
    System.setProperty(ChildLauncher.JOURNAL_PROPERTY, "/tmp/j");
    try {
      assertThat(launcher.command("mock", "1000"))
          .containsExactly(
              "java",
              "-Xmx1g",
              "-XX:+UseSerialGC",
              "-Xshare:on",
              "-Dcloudbus.bench.journal=/tmp/j",
              "-cp",
              "cp",
              "io.cloudbus.bench.BenchChild",
              "mock",
              "1000");
    } finally {
      if (before == null) {
        System.clearProperty(ChildLauncher.JOURNAL_PROPERTY);
      } else {
        System.setProperty(ChildLauncher.JOURNAL_PROPERTY, before);
      }
    }
  }

  @Test
  void aJvmArgThatIsNoOptionIsRefusedByName() {
    assertThatThrownBy(() -> new ChildLauncher("java", "cp", "1g", List.of("UseSerialGC")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--child-jvm-arg")
        .hasMessageContaining("UseSerialGC");
  }

  @Test
  void runPathCdsModesAndTheirFlags() {
    assertThat(RunPathCds.settings("both")).containsExactly(false, true);
    assertThat(RunPathCds.settings("on")).containsExactly(true);
    assertThatThrownBy(() -> RunPathCds.settings("yes"))
        .hasMessageContaining("--run-path-cds")
        .hasMessageContaining("yes");
    assertThat(RunPathCds.use(java.nio.file.Path.of("/a.jsa")))
        .containsExactly("-XX:SharedArchiveFile=/a.jsa", "-Xshare:on");
  }

  @Test
  void classDataSharingNeedsAClassPathOfJarsOnly(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path jar = dir.resolve("plain.jar");
    try (java.util.jar.JarOutputStream out =
        new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("a.txt"));
    }
    RunPathCds.requireJarClassPath("on", jar.toString());
    RunPathCds.requireJarClassPath("off", dir.toString());
    assertThatThrownBy(() -> RunPathCds.requireJarClassPath("both", jar + ":" + dir))
        .hasMessageContaining("--run-path-cds both")
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("use --run-path-cds off");
  }

  @Test
  void ofThisJvmUsesItsJavaAndClassPath() {
    ChildLauncher launcher = ChildLauncher.ofThisJvm("512m", List.of());

    assertThat(launcher.java()).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
    assertThat(launcher.classPath()).isEqualTo(System.getProperty("java.class.path"));
    assertThat(launcher.heap()).isEqualTo("512m");
  }

  @Test
  void heapMustBeASize() {
    for (String bad : new String[] {"", "3 g", "-1g", "0g", "lots", "3gb"}) {
      assertThatThrownBy(() -> new ChildLauncher("java", "cp", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("child heap");
    }
    assertThat(new ChildLauncher("java", "cp", "1024").heap()).isEqualTo("1024");
  }
}
