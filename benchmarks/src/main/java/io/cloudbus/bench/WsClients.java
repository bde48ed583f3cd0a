package io.cloudbus.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * {@code /ws/events} clients of the bridge service, in the driver: each subscribes (with the filter
 * given for its index, or none) and counts the event frames it receives; while a recorder is set,
 * each event frame's time since the driver built the vendor frame ({@code sentNanos}) is recorded.
 * One Vert.x {@link WebSocketClient} with a pool as large as the fleet (Vert.x allows 50 WebSockets
 * per endpoint by default). Threading: methods from the driver thread; frames are counted on the
 * client's event loops.
 */
final class WsClients {

  private static final int CONNECT_CHUNK = 250;

  private final WebSocketClient client;
  private final int port;
  private final AtomicLong subscribed = new AtomicLong();

  /** The type of the gateway's device-state events, which the benches do not count as frames. */
  private static final String GATEWAY_EVENT = "\"type\":\"io.cloudbus.device.";

  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong cut = new AtomicLong();
  private volatile String firstCut;
  private volatile boolean closing;
  private volatile LatencyRecorder recorder;

  WsClients(Vertx vertx, int port, int maxClients) {
    this.port = port;
    this.client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(maxClients + 16));
  }

  /**
   * Connects {@code n} clients (in chunks) and waits until every one is subscribed.
   *
   * @param filter the subscribe filter of client {@code i}, or null for all events
   */
  void connect(int n, IntFunction<JsonObject> filter, long timeoutMs) {
    for (int from = 0; from < n; from += CONNECT_CHUNK) {
      List<Future<WebSocket>> all = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + CONNECT_CHUNK); i++) {
        all.add(connectOne(filter == null ? null : filter.apply(i)));
      }
      Waits.await(Future.all(all), timeoutMs, "connecting /ws clients");
    }
    if (!Waits.until(() -> subscribed.get() >= n, timeoutMs, 5_000)) {
      throw new IllegalStateException(
          "only " + subscribed.get() + " of " + n + " /ws clients were subscribed");
    }
  }

  private Future<WebSocket> connectOne(JsonObject filter) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws/events");
    JsonObject subscribe = new JsonObject().put("action", "subscribe");
    if (filter != null) {
      subscribe.put("filter", filter);
    }
    String frame = subscribe.encode();
    return client
        .connect(options)
        .onSuccess(
            ws -> {
              ws.textMessageHandler(this::onText);
              ws.closeHandler(v -> onClose(ws));
              ws.writeTextMessage(frame);
            });
  }

  /** A close the driver did not ask for: the gateway cut the client (slow, stopping, error). */
  private void onClose(WebSocket ws) {
    if (closing) {
      return;
    }
    if (cut.incrementAndGet() == 1) {
      firstCut = ws.closeStatusCode() + " " + ws.closeReason();
    }
  }

  /**
   * Clients the gateway closed while the bench ran, with the first one's close code and reason
   * (e.g. {@code 1008 slow client: too many messages queued}), or null when none was: a short count
   * of frames then reads as what it is.
   */
  String cuts() {
    long n = cut.get();
    return n == 0 ? null : n + " /ws client(s) closed by the gateway (first: " + firstCut + ")";
  }

  private void onText(String text) {
    if (text.contains(GATEWAY_EVENT)) {
      return; // the gateway's own device.changed observations: not one of the pushed frames
    }
    if (text.contains("\"type\":\"event\"")) {
      LatencyRecorder r = recorder;
      if (r != null) {
        long sent = LatencyRecorder.sentNanos(text);
        if (sent > 0) {
          r.record(System.nanoTime() - sent);
        }
      }
      frames.incrementAndGet();
    } else if (text.contains("\"subscribed\"")) {
      subscribed.incrementAndGet();
    }
  }

  /** Records latency into {@code r} from now on; null stops. */
  void record(LatencyRecorder r) {
    recorder = r;
  }

  /** Event frames received by all clients so far. */
  long frames() {
    return frames.get();
  }

  /** Closes every client. Never throws. */
  void close(long timeoutMs) {
    closing = true;
    try {
      Waits.await(client.close().recover(e -> Future.succeededFuture()), timeoutMs, "closing");
    } catch (RuntimeException ignored) {
      // the driver's Vert.x close releases what is left
    }
  }
}
