package io.cloudbus.mock;

import static io.cloudbus.mock.Patience.PATIENT_SECONDS;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A test WebSocket client that records frames and the close, for Awaitility assertions. */
final class WsProbe {
  final List<String> frames = new CopyOnWriteArrayList<>();
  final List<String> pongs = new CopyOnWriteArrayList<>();
  volatile Short closeCode;
  volatile boolean closed;
  volatile int rejectedStatus;
  private volatile WebSocket ws;
  private volatile WebSocketClient client;

  /** Connects to {@code url}; returns with {@link #rejectedStatus} set when the upgrade fails. */
  static WsProbe connect(Vertx vertx, String url) throws Exception {
    return connectAsync(vertx, url).get(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /** Starts a connection without blocking; completes like {@link #connect}. */
  static CompletableFuture<WsProbe> connectAsync(Vertx vertx, String url) {
    WsProbe probe = new WsProbe();
    // Kept in a field: Vert.x closes a WebSocketClient that becomes unreachable, mid-handshake too.
    probe.client = vertx.createWebSocketClient();
    return probe
        .client
        .connect(new WebSocketConnectOptions().setAbsoluteURI(url))
        // handlers set on the event loop before any frame is delivered: no lost hello
        .onSuccess(probe::attach)
        .map(ws -> probe)
        .recover(
            e -> {
              if (e instanceof UpgradeRejectedException rejected) {
                probe.rejectedStatus = rejected.getStatus();
                return io.vertx.core.Future.succeededFuture(probe);
              }
              return io.vertx.core.Future.failedFuture(e);
            })
        .toCompletionStage()
        .toCompletableFuture();
  }

  private void attach(WebSocket socket) {
    ws = socket;
    socket.textMessageHandler(frames::add);
    socket.pongHandler(b -> pongs.add("pong"));
    socket.closeHandler(
        v -> {
          closeCode = socket.closeStatusCode();
          closed = true;
        });
  }

  void send(JsonObject json) {
    ws.writeTextMessage(json.encode());
  }

  void ping() {
    ws.writePing(io.vertx.core.buffer.Buffer.buffer("p"));
  }

  void close() {
    if (client != null) {
      client.close();
    }
  }

  boolean has(String type) {
    return frames.stream().anyMatch(f -> f.contains("\"type\":\"" + type + "\""));
  }
}
