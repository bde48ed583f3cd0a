package io.cloudbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CloudbusClientBuilderTest {

  @Test
  void defaultsPointAtTheLocalDemoService() {
    CloudbusClientBuilder b = CloudbusClient.builder();
    assertThat(b.webSocketUrl()).isEqualTo("http://127.0.0.1:8080/ws/events");
    assertThat(b.socketOptions().headers()).isEmpty();
    assertThat(b.reconnect).isFalse();
    assertThat(b.requestTimeout).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.socketOptions().closeTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void resourceAndPathPrefixAreJoined() {
    assertThat(
            CloudbusClient.builder()
                .serviceUrl("https://gw.example/cloudbus/")
                .resource("status")
                .webSocketUrl())
        .isEqualTo("https://gw.example/cloudbus/ws/status");
    assertThat(
            CloudbusClient.builder()
                .serviceUrl("http://h:1?tenant=a")
                .resource("home-assistant")
                .webSocketUrl())
        .isEqualTo("http://h:1/ws/home-assistant?tenant=a");
  }

  @Test
  void theTokenGoesToAHeaderByDefaultOrToTheQuery() {
    CloudbusClientBuilder header = CloudbusClient.builder().token("t0k");
    assertThat(header.socketOptions().headers()).containsEntry("Authorization", "Bearer t0k");
    assertThat(header.webSocketUrl()).doesNotContain("t0k");
    assertThat(header.socketOptions().toString()).doesNotContain("t0k");

    CloudbusClientBuilder query =
        CloudbusClient.builder().serviceUrl("http://h:1?a=b").token("t 0&k").tokenInQuery(true);
    assertThat(query.webSocketUrl()).isEqualTo("http://h:1/ws/events?a=b&token=t+0%26k");
    assertThat(query.socketOptions().headers()).isEmpty();
  }

  @Test
  void invalidSettingsAreRefusedAtOnce() {
    CloudbusClientBuilder b = CloudbusClient.builder();
    assertThatThrownBy(() -> b.resource("../x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.resource("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.serviceUrl("ftp://h")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.reconnectDelays(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.reconnectDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.eventBufferCapacity(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.connectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aConnectThatCannotStartFailsClearly() {
    // Port 1 on loopback: nothing listens there.
    assertThatThrownBy(
            () ->
                CloudbusClient.builder()
                    .serviceUrl("http://127.0.0.1:1")
                    .connectTimeout(Duration.ofSeconds(5))
                    .connect())
        .isInstanceOf(CloudbusClientException.class)
        .hasMessageContaining("could not connect");
  }
}
