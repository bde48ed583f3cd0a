package io.cloudbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebSocketOptionsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    WebSocketOptions d = WebSocketOptions.defaults();
    assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.bufferCapacity()).isEqualTo(1_000);
    assertThat(d.maxMessageChars()).isEqualTo(8 * 1024 * 1024);
    assertThat(d.headers()).isEmpty();
    assertThat(d.sslContext()).isNull();
  }

  @Test
  void headerValuesNeverShowInToString() {
    WebSocketOptions o =
        WebSocketOptions.builder().header("Authorization", "Bearer s3cret").build();
    assertThat(o.toString()).contains("Authorization").doesNotContain("s3cret");
    assertThat(o.toBuilder().build().headers()).containsEntry("Authorization", "Bearer s3cret");
  }

  @Test
  void handshakeHeadersAndBadValuesAreRefusedUpFront() {
    WebSocketOptions.Builder b = WebSocketOptions.builder();
    for (String name : new String[] {"Connection", "upgrade", "Host", "Sec-WebSocket-Key", " "}) {
      assertThatThrownBy(() -> b.header(name, "x")).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> b.closeTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.bufferCapacity(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxMessageChars(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
