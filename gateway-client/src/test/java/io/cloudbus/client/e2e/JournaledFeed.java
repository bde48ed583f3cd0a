package io.cloudbus.client.e2e;

import io.cloudbus.client.CloudbusClient;
import io.cloudbus.client.Filter;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.journal.EventJournal;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** What the resume tests share: events fed as a socket in the service's process feeds them. */
final class JournaledFeed {

  private JournaledFeed() {}

  /**
   * As a socket of the service's process does: journal {@code event} (vendor {@code bticino},
   * account {@code flat}), then publish it with its position.
   *
   * @return the event's id
   */
  static String publish(Vertx vertx, EventJournal journal, JsonObject event) {
    long position = journal.append(event).await().position();
    vertx
        .eventBus()
        .publish(
            CloudbusAddresses.EVENTS,
            event,
            new DeliveryOptions()
                .addHeader(CloudbusAddresses.HEADER_VENDOR, "bticino")
                .addHeader(CloudbusAddresses.HEADER_ACCOUNT, "flat")
                .addHeader(CloudbusAddresses.HEADER_TYPE, event.getString("type"))
                .addHeader(CloudbusAddresses.HEADER_POSITION, Long.toString(position))
                .addHeader(CloudbusAddresses.HEADER_JOURNAL, journal.id()));
    return event.getString("id");
  }

  /** A client of every event that reconnects quickly by itself. */
  static CloudbusClient connectClient(int port, Duration patience) {
    return CloudbusClient.builder()
        .serviceUrl("http://127.0.0.1:" + port)
        .requestTimeout(patience)
        .reconnect(true)
        .reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200))
        .subscribe(Filter.all())
        .connect();
  }
}
