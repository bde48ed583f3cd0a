package io.cloudbus.simplisafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.CloudbusTimeoutException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.auth.AuthOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The socket's pure hooks: message routing and catch-up ordering. */
class SimpliSafeSocketTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  private SimpliSafeSocket socket() {
    SimpliSafeEndpoints endpoints = SimpliSafeEndpoints.defaults();
    SimpliSafeAuthHandler auth =
        new SimpliSafeAuthHandler(
            vertx,
            AuthOptions.builder("simplisafe/home").tokenStore(TokenStore.inMemory()).build(),
            endpoints,
            "rt");
    return new SimpliSafeSocket(
        CloudSocketOptions.builder("simplisafe", "home").build(), () -> auth, endpoints);
  }

  private static JsonObject envelope(String type, JsonObject data) {
    return new JsonObject()
        .put("type", type)
        .put("id", "id:1")
        .put("source", "messagequeue")
        .put("data", data);
  }

  @Test
  void controlAndUnknownMessagesAreIgnored() {
    SimpliSafeSocket s = socket();

    assertThat(s.toEvents(envelope("com.simplisafe.service.hello", new JsonObject()))).isEmpty();
    assertThat(s.toEvents(envelope("com.simplisafe.service.registered", null))).isEmpty();
    assertThat(s.toEvents(envelope("com.simplisafe.something.new", new JsonObject()))).isEmpty();
    assertThat(s.toEvents(new JsonObject())).isEmpty();
    assertThat(s.unmappableEvents()).isZero();
  }

  @Test
  void standardEventsAreMapped() {
    List<CloudbusEvent> events =
        socket()
            .toEvents(
                envelope(
                    "com.simplisafe.event.standard", SimpliSafeEventMapperTest.disarmFixture()));

    assertThat(events)
        .singleElement()
        .extracting(CloudbusEvent::id)
        .isEqualTo("simplisafe-16803409109");
  }

  @Test
  void eventWithoutEventIdIsCountedAndReportedAsABadFrame() {
    SimpliSafeSocket s = socket();

    assertThatThrownBy(
            () ->
                s.toEvents(
                    envelope(
                        "com.simplisafe.event.standard", new JsonObject().put("eventCid", 1400))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventId");
    assertThatThrownBy(() -> s.toEvents(envelope("com.simplisafe.event.standard", null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(s.unmappableEvents()).isEqualTo(2);
  }

  @Test
  void catchUpOrderIsByTimeThenEventId() {
    SimpliSafeEventMapper mapper = new SimpliSafeEventMapper("home");
    List<CloudbusEvent> events = new ArrayList<>();
    events.add(mapper.map(new JsonObject().put("eventId", 3).put("eventTimestamp", 100)).get());
    events.add(mapper.map(new JsonObject().put("eventId", 2).put("eventTimestamp", 100)).get());
    events.add(mapper.map(new JsonObject().put("eventId", 9).put("eventTimestamp", 50)).get());

    events.sort(SimpliSafeSocket.OLDEST_FIRST);

    assertThat(events)
        .extracting(CloudbusEvent::id)
        .containsExactly("simplisafe-9", "simplisafe-2", "simplisafe-3");
  }

  @Test
  void anUnansweredIdentifyIsATimeoutByTypeAndCostsNoTokenRefresh() {
    // typed, whatever the wording of the core's message
    assertThat(
            SimpliSafeSocket.tokenSuspected(
                new CloudbusException(
                    FailureClass.TRANSIENT,
                    "handshake failed",
                    new CloudbusTimeoutException("[simplisafe/home#1] nothing in 5 ms", 5),
                    null)))
        .isFalse();
    assertThat(
            SimpliSafeSocket.tokenSuspected(
                CloudbusException.transientFailure("[simplisafe/home#1] connection closed", null)))
        .isTrue();
    assertThat(SimpliSafeSocket.tokenSuspected(new IllegalStateException("identify refused")))
        .isTrue();
  }

  @Test
  void defaultKeepaliveIsPingsWithAWatchdogLongerThanTwoIntervals() {
    KeepalivePolicy policy = socket().keepalive();

    assertThat(policy.pingIntervalMs()).isEqualTo(55_000);
    assertThat(policy.silenceTimeoutMs()).isGreaterThan(2 * policy.pingIntervalMs());
  }
}
