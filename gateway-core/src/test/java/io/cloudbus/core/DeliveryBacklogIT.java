package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.impl.DeliveryBacklog;
import io.cloudbus.core.testing.TestSocket;
import io.cloudbus.core.testing.TestWsServer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A socket holds reading from the vendor while the tracked consumer of {@link
 * CloudbusAddresses#EVENTS} (the gateway service) is {@value DeliveryBacklog#HIGH} events behind,
 * so a burst waits in the vendor's and the kernel's buffers instead of the consumer's queue, and
 * nothing is lost or doubled when it catches up.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DeliveryBacklogIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int EVENTS = DeliveryBacklog.HIGH + 2_000;

  private TestWsServer server;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    server = CloudSocketIT.get(new TestWsServer(vertx).start());
  }

  @AfterEach
  void tearDown() throws Exception {
    CloudSocketIT.get(server.close());
  }

  @Test
  void aSocketWaitsForAServiceThatFellBehindAndDeliversEverythingOnceAfter(Vertx vertx)
      throws Exception {
    // GIVEN a tracked consumer that does not handle events yet (a service busy elsewhere)
    DeliveryBacklog delivery = DeliveryBacklog.of(vertx);
    List<String> received = new CopyOnWriteArrayList<>();
    List<MultiMap> unhandled = new CopyOnWriteArrayList<>();
    AtomicBoolean handling = new AtomicBoolean();
    vertx
        .eventBus()
        .<JsonObject>consumer(
            CloudbusAddresses.EVENTS,
            m -> {
              received.add(m.body().getString("id"));
              if (handling.get()) {
                delivery.handled(m.headers());
              } else {
                unhandled.add(m.headers());
              }
            });
    Registration tracking = delivery.track();
    TestSocket s =
        new TestSocket(
            CloudSocketOptions.builder("test", "acc").build(), (AuthHandler) null, server.port());
    CloudSocketIT.get(vertx.deployVerticle(s));
    await().atMost(WAIT).until(() -> s.state() == ConnectionState.CONNECTED);

    // WHEN the vendor pushes more events than the consumer may have waiting
    for (int i = 0; i < EVENTS; i++) {
      server.pushEvent("e" + i, "pushed");
    }

    // THEN the socket stops reading once the consumer is HIGH events behind
    await().atMost(WAIT).until(() -> s.stats().getLong("readHolds") >= 1);
    await().atMost(WAIT).until(() -> received.size() == DeliveryBacklog.HIGH + 1);
    assertThat(s.stats().getLong("eventsIn")).isEqualTo(DeliveryBacklog.HIGH + 1);
    assertThat(delivery.pending()).isEqualTo(DeliveryBacklog.HIGH + 1);

    // AND once the consumer caught up, the rest arrives: every event once, in order
    vertx.runOnContext(
        v -> {
          handling.set(true);
          unhandled.forEach(delivery::handled);
        });
    await().atMost(WAIT).until(() -> received.size() == EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      assertThat(received.get(i)).isEqualTo("e" + i);
    }
    await().atMost(WAIT).until(() -> delivery.pending() == 0);
    tracking.remove();
  }
}
