package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.Registration;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The count of events published and not handled yet by the service, and who it wakes. */
class DeliveryBacklogTest {

  private final DeliveryBacklog delivery = new DeliveryBacklog();

  private MultiMap published() {
    DeliveryOptions options = new DeliveryOptions();
    delivery.published(options);
    return options.getHeaders() == null ? MultiMap.caseInsensitiveMultiMap() : options.getHeaders();
  }

  @Test
  void countsEachEventOncePerTrackedConsumerAndOnlyItsOwnMarkCountsDown() {
    Registration first = delivery.track();
    Registration second = delivery.track();
    MultiMap headers = published();
    assertThat(headers.get(DeliveryBacklog.HEADER)).isEqualTo(delivery.id());
    assertThat(delivery.pending()).isEqualTo(2);

    // an event of another process (cluster) or of another Vert.x instance: not counted down
    delivery.handled(MultiMap.caseInsensitiveMultiMap().add(DeliveryBacklog.HEADER, "other"));
    delivery.handled(MultiMap.caseInsensitiveMultiMap());
    assertThat(delivery.pending()).isEqualTo(2);

    delivery.handled(headers);
    delivery.handled(headers);
    assertThat(delivery.pending()).isZero();
    first.remove();
    second.remove();
  }

  @Test
  void theLastConsumerLeavingStartsOverAndWakesTheWaiters() {
    Registration service = delivery.track();
    for (int i = 0; i < DeliveryBacklog.HIGH; i++) {
      published();
    }
    List<String> woken = new ArrayList<>();
    delivery.whenBelowLow(Runnable::run, () -> woken.add("socket"));
    assertThat(woken).isEmpty();

    service.remove();
    service.remove();
    assertThat(woken).containsExactly("socket");
    assertThat(delivery.pending()).isZero();

    // events on their way when it left are not counted below zero
    delivery.handled(MultiMap.caseInsensitiveMultiMap().add(DeliveryBacklog.HEADER, delivery.id()));
    assertThat(delivery.pending()).isZero();
  }

  @Test
  void aWaiterBelowTheLowMarkRunsAtOnceAndAFailedPublishIsTakenBack() {
    delivery.track();
    DeliveryOptions options = new DeliveryOptions();
    delivery.published(options);
    delivery.unpublished(options);
    assertThat(delivery.pending()).isZero();

    List<String> woken = new ArrayList<>();
    delivery.whenBelowLow(Runnable::run, () -> woken.add("socket"));
    assertThat(woken).containsExactly("socket");
  }
}
