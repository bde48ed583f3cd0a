package io.cloudbus.service;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.CloudbusEvent;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes contract-shaped events and statuses on the bus, as an adapter would. */
final class TestEvents {

  private static final AtomicLong IDS = new AtomicLong();

  private TestEvents() {}

  /**
   * How many positions {@code service}'s journal has given out: its latest position less its base
   * (a fresh journal's positions start after a random base).
   */
  static long journaled(GatewayService service) {
    return service.journal().latestPosition().await() - service.journal().basePosition();
  }

  /** The {@code n}-th position of {@code service}'s journal (1: its first), as consumers see it. */
  static String position(GatewayService service, long n) {
    return Long.toString(service.journal().basePosition() + n);
  }

  static JsonObject event(String vendor, String account, String name, String subject) {
    return CloudbusEvent.builder(vendor, account)
        .id("test-" + IDS.incrementAndGet())
        .name(name)
        .subject(subject)
        .time(Instant.now())
        .vendorType("T")
        .data(new JsonObject().put("raw", new JsonObject().put("n", IDS.get())))
        .build()
        .toJson();
  }

  static JsonObject publish(Vertx vertx, String vendor, String account, String name) {
    return publish(vertx, event(vendor, account, name, "dev-1"));
  }

  /** Publishes {@code event} on the events address and its account's address. */
  static JsonObject publish(Vertx vertx, JsonObject event) {
    String vendor = event.getString("vendor");
    String account = event.getString("account");
    DeliveryOptions headers =
        new DeliveryOptions()
            .addHeader(CloudbusAddresses.HEADER_VENDOR, vendor)
            .addHeader(CloudbusAddresses.HEADER_ACCOUNT, account)
            .addHeader(CloudbusAddresses.HEADER_TYPE, event.getString("type"));
    vertx.eventBus().publish(CloudbusAddresses.EVENTS, event, headers);
    vertx.eventBus().publish(CloudbusAddresses.events(vendor, account), event, headers);
    return event;
  }

  static JsonObject status(Vertx vertx, String vendor, String account, String state) {
    return status(
        vertx,
        new JsonObject()
            .put("vendor", vendor)
            .put("account", account)
            .put("state", state)
            .put("since", Instant.now().toString()));
  }

  /** Publishes a full status body (with reason, attempt, nextRetryMs when the test sets them). */
  static JsonObject status(Vertx vertx, JsonObject status) {
    String vendor = status.getString("vendor");
    String account = status.getString("account");
    vertx
        .eventBus()
        .publish(
            CloudbusAddresses.STATUS,
            status,
            new DeliveryOptions()
                .addHeader(CloudbusAddresses.HEADER_VENDOR, vendor)
                .addHeader(CloudbusAddresses.HEADER_ACCOUNT, account)
                .addHeader(CloudbusAddresses.HEADER_TYPE, "status"));
    return status;
  }

  /** Options for tests: any free ports, loopback. */
  static ServiceOptions.Builder options() {
    // no adapter is installed here: the vendors the tests publish are named
    return ServiceOptions.builder()
        .host("127.0.0.1")
        .httpPort(0)
        .tcpPort(0)
        .vendors(List.of("simplisafe", "bticino"));
  }
}
