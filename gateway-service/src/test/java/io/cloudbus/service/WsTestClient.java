package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** A recording /ws client for tests. */
final class WsTestClient {

  final List<JsonObject> frames = new CopyOnWriteArrayList<>();
  final AtomicReference<Short> closeStatus = new AtomicReference<>();
  final AtomicReference<String> closeReason = new AtomicReference<>();
  final ClientWebSocket ws;
  // Vert.x 5 closes a client that becomes unreachable (even mid-handshake): keep a reference.
  private final WebSocketClient client;

  private WsTestClient(WebSocketClient client, ClientWebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
    ws.closeHandler(
        v -> {
          closeReason.set(ws.closeReason());
          closeStatus.set(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode());
        });
  }

  static WsTestClient connect(Vertx vertx, int port, String uri) {
    // handlers are set before connecting: a frame right after the handshake must not be lost
    WebSocketClient wsClient = vertx.createWebSocketClient();
    ClientWebSocket ws = wsClient.webSocket();
    WsTestClient client = new WsTestClient(wsClient, ws);
    ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
        .await();
    return client;
  }

  void send(JsonObject frame) {
    ws.writeTextMessage(frame.encode()).await();
  }

  void sendText(String text) {
    ws.writeTextMessage(text).await();
  }

  JsonObject awaitFrame(Predicate<JsonObject> match) {
    AtomicReference<JsonObject> found = new AtomicReference<>();
    await()
        .atMost(PATIENT)
        .until(
            () -> {
              for (JsonObject f : frames) {
                if (match.test(f)) {
                  found.set(f);
                  return true;
                }
              }
              return false;
            });
    return found.get();
  }

  JsonObject awaitType(String type) {
    return awaitFrame(f -> type.equals(f.getString("type")));
  }

  /** Subscribes and waits for the confirmation. */
  void subscribe(JsonObject filter) {
    int before = count("subscribed");
    JsonObject frame = new JsonObject().put("action", "subscribe");
    if (filter != null) {
      frame.put("filter", filter);
    }
    send(frame);
    await().atMost(PATIENT).until(() -> count("subscribed") > before);
  }

  /** Round-trips a ping so that every earlier frame of ours has been handled by the server. */
  void sync() {
    int before = count("pong");
    send(new JsonObject().put("action", "ping"));
    await().atMost(PATIENT).until(() -> count("pong") > before);
  }

  int count(String type) {
    return (int) frames.stream().filter(f -> type.equals(f.getString("type"))).count();
  }

  List<JsonObject> events() {
    return frames.stream().filter(f -> "event".equals(f.getString("type"))).toList();
  }

  void close() {
    client.close();
  }
}
