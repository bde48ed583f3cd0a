package io.cloudbus.client.e2e;

import static io.cloudbus.client.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.client.CloudbusClient;
import io.cloudbus.client.CloudbusClientException;
import io.cloudbus.client.Event;
import io.cloudbus.client.Filter;
import io.cloudbus.client.Status;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventTypes;
import io.cloudbus.service.GatewayService;
import io.cloudbus.service.Role;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against the real bridge service's {@code /ws}, not a test double. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CloudbusClientServiceIT {

  private static final Duration WAIT = PATIENT;
  private static final String TOKEN = "e2e-read-token";

  private Vertx vertx;
  private GatewayService service;
  private CloudbusClient client;

  @BeforeEach
  void startService(Vertx vertx) {
    this.vertx = vertx;
    ServiceOptions options =
        ServiceOptions.builder()
            .host("127.0.0.1")
            .httpPort(0)
            .tcpPort(0)
            .addToken(TOKEN, Role.READ)
            .build();
    service = GatewayService.start(vertx, options).await();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    service.close().await();
  }

  private String url() {
    return "http://127.0.0.1:" + service.httpPort();
  }

  private void publish(String id, String vendor, String account, String name) {
    CloudbusEvent event =
        CloudbusEvent.builder(vendor, account)
            .id(id)
            .name(name)
            .subject("front-door")
            .time(Instant.parse("2026-11-21T10:15:30Z"))
            .vendorType("BNC1-rtc:offer")
            .data(new JsonObject().put("raw", new JsonObject().put("k", "v")))
            .build();
    DeliveryOptions headers =
        new DeliveryOptions()
            .addHeader(CloudbusAddresses.HEADER_VENDOR, vendor)
            .addHeader(CloudbusAddresses.HEADER_ACCOUNT, account)
            .addHeader(CloudbusAddresses.HEADER_TYPE, event.type());
    vertx.eventBus().publish(CloudbusAddresses.EVENTS, event.toJson(), headers);
  }

  @Test
  void receivesFilteredEventsFromTheService() {
    // GIVEN a client subscribed to doorbell events with a read token
    client =
        CloudbusClient.builder()
            .serviceUrl(url())
            .requestTimeout(WAIT)
            .token(TOKEN)
            .subscribe(Filter.all().type("io.cloudbus.doorbell"))
            .connect();

    // WHEN the bus carries a missed call and then a ring
    publish("sess-1:missed", "bticino", "flat", EventTypes.CALL_MISSED);
    publish("sess-2:ring", "bticino", "flat", EventTypes.DOORBELL_RING);

    // THEN only the ring arrives, with its CloudEvent fields intact
    Event e = client.poll(WAIT);
    assertThat(e).isNotNull();
    assertThat(e.id()).isEqualTo("sess-2:ring");
    assertThat(e.type()).isEqualTo("io.cloudbus.doorbell.ring");
    assertThat(e.source()).isEqualTo("/cloudbus/bticino/flat");
    assertThat(e.subject()).isEqualTo("front-door");
    assertThat(e.vendortype()).isEqualTo("BNC1-rtc:offer");
    // in order: the missed call, published first, would have come before the ring
    assertThat(client.poll(Duration.ZERO)).isNull();
    assertThat(client.ping()).isNotNull();
  }

  @Test
  void receivesStatusFrames() {
    // GIVEN a client on the status resource
    client =
        CloudbusClient.builder()
            .serviceUrl(url())
            .requestTimeout(WAIT)
            .token(TOKEN)
            .resource("status")
            .subscribe(Filter.all())
            .connect();

    // WHEN an account's state changes
    vertx
        .eventBus()
        .publish(
            CloudbusAddresses.STATUS,
            new JsonObject()
                .put("vendor", "simplisafe")
                .put("account", "home")
                .put("state", "connected")
                .put("since", Instant.now().toString()));

    // THEN the status reaches the client
    Status s = client.pollStatus(WAIT);
    assertThat(s).isNotNull();
    assertThat(s.vendor()).isEqualTo("simplisafe");
    assertThat(s.account()).isEqualTo("home");
    assertThat(s.state()).isEqualTo("connected");
  }

  @Test
  void aWrongTokenIsRefusedClearly() {
    assertThatThrownBy(
            () -> CloudbusClient.builder().serviceUrl(url()).token("wrong-token").connect())
        .isInstanceOf(CloudbusClientException.class)
        .hasMessageNotContaining("wrong-token");
  }
}
