package io.cloudbus.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The raw limit: {@code n} plain Vert.x WebSocket clients on the same mock socket path as the
 * gateway sockets, that only count the text frames they receive (no decode, no mapping, no bus);
 * while a latency recorder is set, they also record {@code now - sentNanos} of each frame (found by
 * a string search, not by parsing).
 *
 * <p>One client with a connection pool as large as the fleet: Vert.x limits WebSockets per endpoint
 * by default, which would queue the connects beyond that limit. Threading: any thread.
 */
final class RawFleet {

  private static final int CONNECT_CHUNK = 250;

  private final WebSocketClient client;
  private final URI uri;
  private final AtomicLong frames = new AtomicLong();
  private final List<WebSocket> sockets = new ArrayList<>();
  private final Supplier<LatencyRecorder> latency;

  /**
   * @param socketUrl the mock's Pylight table URL, e.g. {@code
   *     ws://127.0.0.1:P/pylight/ws/products}
   */
  RawFleet(Vertx vertx, String socketUrl, int maxSockets, Supplier<LatencyRecorder> latency) {
    this.uri = URI.create(socketUrl);
    this.latency = latency;
    this.client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(maxSockets + 16));
  }

  /** Opens {@code n} sockets (in chunks). */
  Future<Void> connect(int n) {
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < n; from += CONNECT_CHUNK) {
      int count = Math.min(CONNECT_CHUNK, n - from);
      chain = chain.compose(v -> connectSome(count));
    }
    return chain;
  }

  private Future<Void> connectSome(int count) {
    List<Future<WebSocket>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      WebSocketConnectOptions options =
          new WebSocketConnectOptions()
              .setHost(uri.getHost())
              .setPort(uri.getPort())
              .setURI(uri.getRawPath());
      all.add(
          client
              .connect(options)
              .onSuccess(
                  ws -> {
                    ws.textMessageHandler(this::onText);
                    synchronized (sockets) {
                      sockets.add(ws);
                    }
                  }));
    }
    return Future.all(all).mapEmpty();
  }

  private void onText(String text) {
    frames.incrementAndGet();
    LatencyRecorder r = latency.get();
    if (r != null) {
      long sent = LatencyRecorder.sentNanos(text);
      if (sent >= 0) {
        r.record(System.nanoTime() - sent);
      }
    }
  }

  /** Text frames received so far by all sockets. */
  long frames() {
    return frames.get();
  }

  /** Closes every socket and the client. Never fails. */
  Future<Void> close() {
    return client.close().recover(e -> Future.succeededFuture());
  }
}
