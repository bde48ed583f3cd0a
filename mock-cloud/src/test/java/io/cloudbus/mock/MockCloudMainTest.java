package io.cloudbus.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MockCloudMainTest {
  @Test
  void parsesPortsAndHost() {
    MockCloudOptions options =
        MockCloudMain.parse(
            new String[] {"--port", "9000", "--rest-port", "9001", "--host", "0.0.0.0"});
    assertThat(options.port()).isEqualTo(9000);
    assertThat(options.restPort()).isEqualTo(9001);
    assertThat(options.host()).isEqualTo("0.0.0.0");
    assertThat(MockCloudMain.parse(new String[0]).toJson())
        .isEqualTo(new MockCloudOptions().toJson());
  }

  @Test
  void parsesTlsAndTheOptionsRoundTrip() {
    MockCloudOptions options =
        MockCloudMain.parse(new String[] {"--tls", "--tls-dir", "/tmp/mock-tls"});
    assertThat(options.tls()).isTrue();
    assertThat(options.tlsDir()).isEqualTo("/tmp/mock-tls");
    assertThat(new MockCloudOptions(options.toJson()).toJson()).isEqualTo(options.toJson());
    assertThat(new MockCloudOptions().tls()).isFalse();
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> MockCloudMain.parse(new String[] {"--port"}))
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> MockCloudMain.parse(new String[] {"--port", "x"}))
        .hasMessage("--port must be a number: x");
    assertThatThrownBy(() -> MockCloudMain.parse(new String[] {"--port", "70000"}))
        .hasMessage("port must be 0..65535");
    assertThatThrownBy(() -> MockCloudMain.parse(new String[] {"--verbose"}))
        .hasMessage("unknown argument: --verbose");
  }
}
