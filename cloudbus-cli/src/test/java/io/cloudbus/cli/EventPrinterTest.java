package io.cloudbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status lines of {@code run} and {@code demo}. */
class EventPrinterTest {

  private final Vertx vertx = Vertx.vertx();
  private final StringWriter text = new StringWriter();
  private final EventPrinter printer = new EventPrinter(vertx, new PrintWriter(text, true), false);
  private long now = 1_000;

  @AfterEach
  void close() throws Exception {
    printer.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private void status(String state, String reason, Long retryMs) {
    JsonObject s =
        new JsonObject().put("vendor", "pylight").put("account", "p").put("state", state);
    if (reason != null) {
      s.put("reason", reason);
    }
    if (retryMs != null) {
      s.put("nextRetryMs", retryMs);
    }
    printer.printStatus(s, now);
  }

  private void after(long seconds) {
    now += TimeUnit.SECONDS.toNanos(seconds);
  }

  @Test
  void anAccountFailingTheSameWayPrintsOnceThenOnceAMinuteWithTheCount() {
    printer.release();
    status("connecting", null, null);
    status("backoff", "WebSocket upgrade refused with HTTP 404", 75L);
    for (int i = 0; i < 11; i++) {
      after(5);
      status("connecting", null, null);
      status("backoff", "WebSocket upgrade refused with HTTP 404", 2000L + i);
    }
    after(5);
    status("connecting", null, null);
    status("backoff", "WebSocket upgrade refused with HTTP 404", 3000L);
    // THEN a connected that follows prints the held connecting, then connected
    after(1);
    status("connecting", null, null);
    status("connected", null, null);

    assertThat(text.toString().lines())
        .containsExactly(
            "status  pylight/p connecting",
            "status  pylight/p backoff (WebSocket upgrade refused with HTTP 404), retry in 75 ms",
            "status  pylight/p backoff (WebSocket upgrade refused with HTTP 404), retry in 3000 ms"
                + " (12 more like it since the last line)",
            "status  pylight/p connecting",
            "status  pylight/p connected");
  }

  @Test
  void aFailureOfAnotherKindIsPrintedAtOnce() {
    printer.release();
    status("backoff", "connection lost", 100L);
    status("connecting", null, null);
    status("auth_failed", "the server refused the token", 30000L);
    status("connecting", null, null);
    status("auth_failed", "the server refused the token", 30000L);

    assertThat(text.toString().lines())
        .containsExactly(
            "status  pylight/p backoff (connection lost), retry in 100 ms",
            "status  pylight/p connecting",
            "status  pylight/p auth_failed (the server refused the token), retry in 30000 ms");
  }
}
