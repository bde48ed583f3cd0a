package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.CloudbusEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharedEventCodecTest {

  @Test
  void everyLocalConsumerGetsThePublishedObjectNotACopy(Vertx vertx, VertxTestContext ctx) {
    // GIVEN two local consumers of the events address
    EventPublisher publisher = new EventPublisher(vertx.eventBus(), "pylight", "products");
    List<Object> received = new CopyOnWriteArrayList<>();
    AtomicReference<JsonObject> published = new AtomicReference<>();
    for (int i = 0; i < 2; i++) {
      vertx
          .eventBus()
          .localConsumer(
              CloudbusAddresses.EVENTS,
              m -> {
                received.add(m.body());
                if (received.size() == 2) {
                  ctx.verify(
                      () -> {
                        // THEN both got the very object that went out, a valid CloudEvent
                        assertThat(received)
                            .allSatisfy(b -> assertThat(b).isSameAs(published.get()));
                        assertThat(CloudbusEvent.fromJson((JsonObject) received.get(0)).id())
                            .isEqualTo("e-1");
                      });
                  ctx.completeNow();
                }
              });
    }
    CloudbusEvent event =
        CloudbusEvent.builder("pylight", "products")
            .id("e-1")
            .name("update")
            .time(Instant.parse("2026-01-01T00:00:00Z"))
            .data(new JsonObject().put("id", 1))
            .build();

    // WHEN
    vertx.runOnContext(v -> published.set(publisher.publish(event)));
  }

  @Test
  void wireFormIsTheJsonText() {
    // GIVEN
    SharedEventCodec codec = new SharedEventCodec();
    JsonObject event = new JsonObject().put("id", "e-1").put("data", new JsonObject().put("a", 1));
    Buffer wire = Buffer.buffer().appendString("xx");

    // WHEN
    codec.encodeToWire(wire, event);
    JsonObject decoded = codec.decodeFromWire(2, wire);

    // THEN
    assertThat(decoded).isEqualTo(event).isNotSameAs(event);
    assertThat(codec.transform(event)).isSameAs(event);
  }

  @Test
  void registeringTwiceIsHarmless(Vertx vertx) {
    SharedEventCodec.register(vertx.eventBus());
    SharedEventCodec.register(vertx.eventBus());
    new EventPublisher(vertx.eventBus(), "v", "a");
  }
}
