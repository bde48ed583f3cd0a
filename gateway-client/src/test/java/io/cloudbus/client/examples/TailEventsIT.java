package io.cloudbus.client.examples;

import static io.cloudbus.client.Patience.PATIENT;
import static io.cloudbus.client.Patience.PATIENT_SECONDS;
import static io.cloudbus.client.testserver.ProtocolServer.cloudEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.client.testserver.ProtocolServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The documented plain-main example really tails events. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TailEventsIT {

  @Test
  void printsOneLinePerMatchingEventAndStopsAfterCount(Vertx vertx) {
    ProtocolServer server = new ProtocolServer(vertx);
    server.start().await();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                TailEvents.run(new String[] {server.baseUrl(), "io.cloudbus.doorbell", "2"}, out));
    await().atMost(PATIENT).until(() -> server.last() != null && server.last().filter != null);
    server.publish(cloudEvent("1", "bticino", "flat", "call.missed"));
    server.publish(cloudEvent("2", "bticino", "flat", "doorbell.ring"));
    server.publish(cloudEvent("3", "simplisafe", "home", "doorbell.ring"));
    assertThat(exit.orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join()).isZero();
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines())
        .containsExactly(
            "subscribed to {\"type\":\"io.cloudbus.doorbell\"} on " + server.baseUrl(),
            "2026-11-21T10:15:30.123Z io.cloudbus.doorbell.ring      bticino/flat device-1",
            "2026-11-21T10:15:30.123Z io.cloudbus.doorbell.ring      simplisafe/home device-1");
    server.stop().await();
  }
}
