package io.cloudbus.examples.tickle;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny "tickle" vendor for the example's test, on 127.0.0.1 and port 0: {@code POST /token}
 * (client credentials), {@code GET /events} (the current event list, bearer token required) and the
 * push socket {@code /push}, which acknowledges a subscribe and then tickles on {@link #tickle()}.
 * The first {@code rejectUpgrades} upgrades are refused with HTTP 503.
 */
final class TickleVendor {

  static final String TOKEN = "tickle-token-1";

  private final Vertx vertx;
  private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger rejectUpgrades = new AtomicInteger();
  private volatile JsonArray events = new JsonArray();
  private HttpServer server;

  TickleVendor(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<TickleVendor> start() {
    server = vertx.createHttpServer().requestHandler(this::onRequest);
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  /** Refuses the next {@code n} WebSocket upgrades with HTTP 503. */
  TickleVendor rejectUpgrades(int n) {
    rejectUpgrades.set(n);
    return this;
  }

  /** What {@code GET /events} returns from now on. */
  TickleVendor events(JsonObject... list) {
    events = new JsonArray(List.of((Object[]) list));
    return this;
  }

  /** Sends a tickle on every subscribed socket. */
  void tickle() {
    sockets.forEach(ws -> ws.writeTextMessage(new JsonObject().put("type", "tickle").encode()));
  }

  JsonObject account() {
    String base = "http://127.0.0.1:" + server.actualPort();
    return new JsonObject()
        .put("adapter", "tickle")
        .put("account", "home")
        .put("clientId", "example")
        .put("clientSecret", "example-secret")
        .put("reconnectInitialDelayMs", 10)
        .put(
            "endpoints",
            new JsonObject()
                .put("tokenUrl", base + "/token")
                .put("apiUrl", base)
                .put("socketUrl", "ws://127.0.0.1:" + server.actualPort() + "/push"));
  }

  static JsonObject event(String id, String device) {
    return new JsonObject()
        .put("id", id)
        .put("kind", "motion")
        .put("device", device)
        .put("at", "2024-05-01T10:00:00Z");
  }

  private void onRequest(HttpServerRequest req) {
    switch (req.path()) {
      case "/token" ->
          req.response()
              .putHeader("Content-Type", "application/json")
              .end(
                  new JsonObject()
                      .put("access_token", TOKEN)
                      .put("token_type", "Bearer")
                      .put("expires_in", 3600)
                      .encode());
      case "/events" -> {
        if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
          req.response().setStatusCode(401).end();
          return;
        }
        req.response()
            .putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("events", events).encode());
      }
      case "/push" -> {
        if (rejectUpgrades.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          req.response().setStatusCode(503).end();
          return;
        }
        req.toWebSocket().onSuccess(this::onSocket);
      }
      default -> req.response().setStatusCode(404).end();
    }
  }

  private void onSocket(ServerWebSocket ws) {
    ws.textMessageHandler(
        text -> {
          if ("subscribe".equals(new JsonObject(text).getString("type"))) {
            sockets.add(ws);
            ws.writeTextMessage(new JsonObject().put("type", "subscribed").encode());
          }
        });
    ws.closeHandler(v -> sockets.remove(ws));
  }
}
