package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.impl.DeliveryBacklog;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service counts down every event that this process's sockets published for it ({@link
 * DeliveryBacklog}, which holds the sockets' reading while it is far behind), and stops being
 * waited for once closed.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DeliveryBacklogServiceIT {

  @Test
  void theServiceCountsDownEveryEventOfItsSocketsAndIsNotWaitedForOnceClosed(Vertx vertx) {
    GatewayService service = GatewayService.start(vertx, TestEvents.options().build()).await();
    try (PylightFeed feed = PylightFeed.start(vertx, service)) {
      DeliveryBacklog delivery = DeliveryBacklog.of(vertx);
      List<MultiMap> published = new CopyOnWriteArrayList<>();
      vertx.eventBus().consumer(CloudbusAddresses.EVENTS, m -> published.add(m.headers()));

      // GIVEN a running service: the socket's events are counted, and counted down once handled
      feed.push(1, 50);
      await().atMost(PATIENT).until(() -> published.size() == 50);
      assertThat(published)
          .allSatisfy(h -> assertThat(h.get(DeliveryBacklog.HEADER)).isEqualTo(delivery.id()));
      await().atMost(PATIENT).until(() -> delivery.pending() == 0);

      // WHEN the service is closed, THEN the events are no longer counted for it
      service.close().await();
      feed.push(51, 60);
      await().atMost(PATIENT).until(() -> published.size() == 60);
      assertThat(published.subList(50, 60))
          .allSatisfy(h -> assertThat(h.get(DeliveryBacklog.HEADER)).isNull());
      assertThat(delivery.pending()).isZero();
    }
  }
}
