package io.cloudbus.mock;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A test WebSocket client that records frames and the close, for Awaitility assertions. */
final class WsProbe {
  final List<String> frames = new CopyOnWriteArrayList<>();
  final List<String> pongs = new CopyOnWriteArrayList<>();
  volatile Short closeCode;
  volatile boolean closed;
  volatile int rejectedStatus;
  private WebSocket ws;

  /** Connects to {@code url}; returns with {@link #rejectedStatus} set when the upgrade fails. */
  static WsProbe connect(Vertx vertx, String url) throws Exception {
    WsProbe probe = new WsProbe();
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      probe.ws =
          client
              .connect(new WebSocketConnectOptions().setAbsoluteURI(url))
              // handlers set on the event loop before any frame is delivered: no lost hello
              .onSuccess(ws -> probe.attach(ws))
              .toCompletionStage()
              .toCompletableFuture()
              .get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof UpgradeRejectedException rejected) {
        probe.rejectedStatus = rejected.getStatus();
        return probe;
      }
      throw e;
    }
    return probe;
  }

  private void attach(WebSocket socket) {
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
    if (ws != null && !closed) {
      ws.close();
    }
  }

  boolean has(String type) {
    return frames.stream().anyMatch(f -> f.contains("\"type\":\"" + type + "\""));
  }
}
