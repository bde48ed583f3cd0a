package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void ofThisJvmUsesItsJavaAndClassPath() {
    ChildLauncher launcher = ChildLauncher.ofThisJvm("512m");

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
