package io.cloudbus.mock.generic;

import static io.cloudbus.mock.Patience.PATIENT;
import static io.cloudbus.mock.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Home Assistant emulation spoken to with a raw WebSocket client. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HomeAssistantEmulationIT {

  private static final Duration WAIT = PATIENT;

  @RegisterExtension
  static MockCloudExtension mock =
      new MockCloudExtension(List.of(new HomeAssistantEmulation(), new PylightEmulation()));

  /** A raw client: every received frame, parsed. */
  record Client(WebSocketClient client, WebSocket ws, List<Object> frames, AtomicBoolean closed) {
    void send(JsonObject m) {
      ws.writeTextMessage(m.encode());
    }

    JsonObject last() {
      return (JsonObject) frames.get(frames.size() - 1);
    }

    void awaitFrames(int n) {
      await().atMost(WAIT).until(() -> frames.size() >= n);
    }
  }

  static Client connect(Vertx vertx, String url) {
    List<Object> frames = new CopyOnWriteArrayList<>();
    AtomicBoolean closed = new AtomicBoolean();
    // Kept in the record: an unreferenced Vert.x client is closed when garbage collected.
    WebSocketClient client = vertx.createWebSocketClient();
    // Handlers are set on the event loop as the connect completes: the server speaks first.
    WebSocket ws =
        join(
            client
                .connect(new WebSocketConnectOptions().setAbsoluteURI(url))
                .map(
                    w -> {
                      w.textMessageHandler(t -> frames.add(Json.decodeValue(t)));
                      w.closeHandler(v -> closed.set(true));
                      return w;
                    }));
    return new Client(client, ws, frames, closed);
  }

  static <T> T join(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(PATIENT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Client authed(Vertx vertx, MockCloud cloud) {
    Client c = connect(vertx, cloud.endpoints("home-assistant").getString("socketUrl"));
    c.awaitFrames(1);
    assertThat(c.last().getString("type")).isEqualTo("auth_required");
    c.send(
        new JsonObject()
            .put("type", "auth")
            .put("access_token", HomeAssistantEmulation.LONG_LIVED_TOKEN));
    c.awaitFrames(2);
    assertThat(c.last().getString("type")).isEqualTo("auth_ok");
    return c;
  }

  @Test
  void badTokenGetsAuthInvalidThenClose(Vertx vertx, MockCloud cloud) {
    Client c = connect(vertx, cloud.endpoints("home-assistant").getString("socketUrl"));
    c.awaitFrames(1);
    c.send(new JsonObject().put("type", "auth").put("access_token", "bad"));
    c.awaitFrames(2);
    assertThat(c.last().getString("type")).isEqualTo("auth_invalid");
    await().atMost(WAIT).untilTrue(c.closed());
  }

  @Test
  void silentClientIsClosedAtTheAuthDeadline(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    admin.faults("home-assistant", new JsonObject().put("authDeadlineMs", 300));
    Client c = connect(vertx, cloud.endpoints("home-assistant").getString("socketUrl"));
    await().atMost(WAIT).untilTrue(c.closed());
    assertThat(c.frames()).hasSize(1);
  }

  @Test
  void idsMustIncreaseAndCommandsAnswer(Vertx vertx, MockCloud cloud) {
    Client c = authed(vertx, cloud);
    c.send(new JsonObject().put("id", 5).put("type", "ping"));
    c.awaitFrames(3);
    assertThat(c.last()).isEqualTo(new JsonObject().put("id", 5).put("type", "pong"));

    c.send(new JsonObject().put("id", 5).put("type", "ping"));
    c.awaitFrames(4);
    assertThat(c.last().getJsonObject("error").getString("code")).isEqualTo("id_reuse");

    c.send(new JsonObject().put("id", 6).put("type", "no_such_thing"));
    c.awaitFrames(5);
    assertThat(c.last().getJsonObject("error").getString("code")).isEqualTo("unknown_command");

    c.send(new JsonObject().put("type", "ping"));
    c.awaitFrames(6);
    assertThat(c.last().getJsonObject("error").getString("code")).isEqualTo("invalid_format");

    c.send(new JsonObject().put("id", 7).put("type", "unsubscribe_events").put("subscription", 99));
    c.awaitFrames(7);
    assertThat(c.last().getJsonObject("error").getString("code")).isEqualTo("not_found");
  }

  @Test
  void subscriptionsGetEventsWithTheirIdsAndUnsubscribeStopsThem(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    Client c = authed(vertx, cloud);
    c.send(new JsonObject().put("id", 1).put("type", "subscribe_events"));
    c.send(
        new JsonObject()
            .put("id", 2)
            .put("type", "subscribe_events")
            .put("event_type", "state_changed"));
    c.awaitFrames(4);

    JsonObject event =
        new JsonObject()
            .put("type", "event")
            .put("event", new JsonObject().put("event_type", "state_changed"));
    assertThat(admin.pushGeneric("home-assistant", event).getInteger("pushed")).isEqualTo(2);
    c.awaitFrames(6);
    assertThat(c.frames().subList(4, 6))
        .extracting(f -> ((JsonObject) f).getInteger("id"))
        .containsExactlyInAnyOrder(1, 2);

    c.send(new JsonObject().put("id", 3).put("type", "unsubscribe_events").put("subscription", 2));
    c.awaitFrames(7);
    assertThat(c.last().getBoolean("success")).isTrue();
    assertThat(admin.pushGeneric("home-assistant", event).getInteger("pushed")).isEqualTo(1);
  }

  @Test
  void coalescesAfterSupportedFeatures(Vertx vertx, MockCloud cloud) {
    Client c = authed(vertx, cloud);
    // the client may send an array of commands in one frame, too
    c.ws()
        .writeTextMessage(
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("id", 1)
                        .put("type", "supported_features")
                        .put("features", new JsonObject().put("coalesce_messages", 1)))
                .add(new JsonObject().put("id", 2).put("type", "subscribe_events"))
                .encode());
    c.awaitFrames(3);
    assertThat(c.frames().get(2)).isInstanceOf(JsonArray.class);
    assertThat((JsonArray) c.frames().get(2)).hasSize(2);

    c.send(
        new JsonObject()
            .put("id", 3)
            .put("type", "call_service")
            .put("domain", "light")
            .put("service", "turn_on")
            .put("target", new JsonObject().put("entity_id", "light.kitchen")));
    // result + call_service event + state_changed event, in one frame
    c.awaitFrames(4);
    JsonArray batch = (JsonArray) c.frames().get(3);
    assertThat(batch).hasSize(3);
  }
}
