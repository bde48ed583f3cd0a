package io.cloudbus.bench;

import io.cloudbus.service.GatewayService;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out: the bridge service ({@link GatewayService}, the real one) with {@code clients} plain
 * WebSocket clients on {@code /ws/events}, each subscribed with no filter; one gateway socket
 * receives frames from the mock at a fixed rate, and every client records, per event frame, the
 * time since the harness built the vendor frame. So the figure is mock push → adapter → bus →
 * service → every {@code /ws} client.
 */
final class FanoutRun {

  /** The outcome of one run. */
  record Result(
      int clients, long eventsIn, long framesOut, long expectedOut, Percentiles latency) {}

  private static final int CONNECT_CHUNK = 250;

  private FanoutRun() {}

  static Result run(
      Vertx gateway,
      MockAdmin admin,
      String pylightUrl,
      int clients,
      int eventsPerSec,
      long durationMs,
      long timeoutMs) {
    ServiceOptions options =
        ServiceOptions.builder()
            .host("127.0.0.1")
            .httpPort(0)
            .tcpPort(0)
            .maxClients(clients + 16)
            .build();
    GatewayService service =
        Waits.await(GatewayService.start(gateway, options), timeoutMs, "service");
    GatewayFleet source = new GatewayFleet(gateway, pylightUrl, "fan");
    WebSocketClient client =
        gateway.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 16));
    long expectedFrames = (long) eventsPerSec * durationMs / 1000 * clients;
    LatencyRecorder latency =
        new LatencyRecorder((int) Math.min(4_000_000L, expectedFrames + clients));
    AtomicLong subscribed = new AtomicLong();
    AtomicLong frames = new AtomicLong();
    try {
      Waits.await(source.deploy(1), timeoutMs, "deploying the source socket");
      if (!Waits.until(() -> source.connected() == 1, timeoutMs, 5_000)) {
        throw new IllegalStateException("the source socket did not connect");
      }
      for (int from = 0; from < clients; from += CONNECT_CHUNK) {
        List<Future<WebSocket>> all = new ArrayList<>();
        for (int i = from; i < Math.min(clients, from + CONNECT_CHUNK); i++) {
          all.add(connect(client, service.httpPort(), subscribed, frames, latency));
        }
        Waits.await(Future.all(all), timeoutMs, "connecting /ws clients");
      }
      if (!Waits.until(() -> subscribed.get() == clients, timeoutMs, 5_000)) {
        throw new IllegalStateException(
            "only " + subscribed.get() + " of " + clients + " /ws clients were subscribed");
      }
      long before = frames.get();
      LatencyRun.Result run =
          LatencyRun.run(
              admin, () -> frames.get() / clients, 1, eventsPerSec, durationMs, timeoutMs);
      long out = frames.get() - before;
      return new Result(clients, out / clients, out, run.pushed() * clients, latency.percentiles());
    } finally {
      Waits.await(client.close().recover(e -> Future.succeededFuture()), timeoutMs, "closing");
      Waits.await(source.close(), timeoutMs, "closing the source socket");
      Waits.await(service.close().recover(e -> Future.succeededFuture()), timeoutMs, "closing");
    }
  }

  private static Future<WebSocket> connect(
      WebSocketClient client,
      int port,
      AtomicLong subscribed,
      AtomicLong frames,
      LatencyRecorder latency) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws/events");
    return client
        .connect(options)
        .onSuccess(
            ws -> {
              ws.textMessageHandler(
                  text -> {
                    if (text.contains("\"type\":\"event\"")) {
                      long sent = LatencyRecorder.sentNanos(text);
                      if (sent > 0) {
                        latency.record(System.nanoTime() - sent);
                      }
                      frames.incrementAndGet();
                    } else if (text.contains("\"subscribed\"")) {
                      subscribed.incrementAndGet();
                    }
                  });
              ws.writeTextMessage("{\"action\":\"subscribe\"}");
            });
  }
}
