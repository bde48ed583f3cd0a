package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hand-made frames on a raw socket after a real {@code /ws} handshake: each protocol violation
 * closes that socket with its RFC 6455 code and a reason, while a witness client keeps receiving.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileWsIT {

  private static final int MAX_FRAME = 1024;
  private static final int HARD_LIMIT = 4 * MAX_FRAME;

  private Vertx vertx;
  private GatewayService service;
  private WsTestClient witness;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    service =
        GatewayService.start(vertx, TestEvents.options().maxFrameBytes(MAX_FRAME).build()).await();
    witness = WsTestClient.connect(vertx, service.httpPort(), "/ws/events");
    witness.awaitType("welcome");
    witness.subscribe(null);
  }

  @AfterEach
  void stop() {
    witness.close();
    service.close().await();
  }

  /** Opens a raw /ws/events socket and reads its welcome frame. */
  private RawClient attacker() {
    RawClient raw = new RawClient(service.httpPort());
    assertThat(raw.upgrade("/ws/events")).startsWith("HTTP/1.1 101");
    assertThat(raw.readFrame().text()).contains("welcome");
    return raw;
  }

  /** The service is up and the witness still receives events published after the attack. */
  private void assertServiceUnharmed() {
    int before = witness.events().size();
    TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
    await().atMost(PATIENT).until(() -> witness.events().size() > before);
    assertThat(witness.closeStatus.get()).isNull();
    assertThat(Http.get(service.httpPort(), "/health").statusCode()).isEqualTo(200);
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  @Test
  void frameOverTheHardLimitIsClosedWith1009() {
    try (RawClient raw = attacker()) {
      // WHEN one text frame over 4 x maxFrameBytes arrives
      raw.write(RawClient.frame(1, true, 0, bytes(HARD_LIMIT + 1)));
      // THEN the socket is closed with 1009 and a reason
      RawClient.Frame close = raw.readUntilClose();
      assertThat(close).isNotNull();
      assertThat(close.closeCode()).isEqualTo(1009);
      assertThat(close.closeReason()).isNotBlank();
      raw.readToEnd();
    }
    assertServiceUnharmed();
  }

  @Test
  void fragmentedMessageOverTheHardLimitIsClosedWith1009() {
    try (RawClient raw = attacker()) {
      // WHEN a message arrives in fragments each under the limit, together over it
      raw.write(RawClient.frame(1, false, 0, bytes(HARD_LIMIT / 2 + 1)));
      raw.write(RawClient.frame(0, false, 0, bytes(HARD_LIMIT / 2)));
      raw.write(RawClient.frame(0, true, 0, bytes(HARD_LIMIT / 2)));
      // THEN the socket is closed with 1009 (not dropped in silence)
      RawClient.Frame close = raw.readUntilClose();
      assertThat(close).isNotNull();
      assertThat(close.closeCode()).isEqualTo(1009);
      assertThat(close.closeReason()).contains(String.valueOf(HARD_LIMIT));
      raw.readToEnd();
    }
    assertServiceUnharmed();
  }

  @Test
  void invalidUtf8IsClosedWith1007() {
    try (RawClient raw = attacker()) {
      byte[] invalid = "{\"action\":\"ping\",\"x\":\"?\"}".getBytes(StandardCharsets.US_ASCII);
      invalid[invalid.length - 3] = (byte) 0xC3; // a lead byte followed by an ASCII quote
      raw.write(RawClient.frame(1, true, 0, invalid));
      RawClient.Frame close = raw.readUntilClose();
      assertThat(close).isNotNull();
      assertThat(close.closeCode()).isEqualTo(1007);
      assertThat(close.closeReason()).contains("UTF-8");
      raw.readToEnd();
    }
    assertServiceUnharmed();
  }

  @Test
  void reservedBitWithoutNegotiatedCompressionIsClosedWith1002() {
    try (RawClient raw = attacker()) {
      raw.write(
          RawClient.frame(1, true, 4, "{\"action\":\"ping\"}".getBytes(StandardCharsets.US_ASCII)));
      RawClient.Frame close = raw.readUntilClose();
      assertThat(close).isNotNull();
      assertThat(close.closeCode()).isEqualTo(1002);
      assertThat(close.closeReason()).containsIgnoringCase("RSV");
      raw.readToEnd();
    }
    assertServiceUnharmed();
    assertThat(Http.get(service.httpPort(), "/metrics").body())
        .contains("cloudbus_client_bad_frames_total{transport=\"ws\"} 1.0");
  }

  @Test
  void frameBetweenTheLimitsStillGetsAnErrorFrameAndTheSocketStaysOpen() {
    try (RawClient raw = attacker()) {
      raw.write(
          RawClient.text("{\"action\":\"ping\",\"pad\":\"" + "x".repeat(2 * MAX_FRAME) + "\"}"));
      raw.write(RawClient.text("{\"action\":\"ping\"}"));
      RawClient.Frame error = raw.readFrame();
      assertThat(error.text()).contains("frame_too_large");
      assertThat(raw.readFrame().text()).contains("pong");
    }
    assertServiceUnharmed();
  }
}
