package io.cloudbus.core.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A tiny push server speaking the protocol of {@link TestSocket}: {@code hello} on open, {@code
 * auth} answered by {@code auth_ok} or {@code auth_invalid}, request/reply by {@code id} ({@code
 * echo}, {@code fail}, {@code noreply}), app ping/pong, and pushes on demand. Faults: refuse the
 * upgrade with a status, go silent (stop reading: no pongs, a half-open link), reject tokens. Port
 * 0. Thread-safe controls.
 */
public final class TestWsServer {

  private final Vertx vertx;
  private HttpServer server;
  public final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
  public final List<JsonObject> received = new CopyOnWriteArrayList<>();
  public final AtomicInteger upgrades = new AtomicInteger();
  public final AtomicInteger handshakes = new AtomicInteger();
  public final AtomicInteger pongs = new AtomicInteger();
  public final AtomicInteger clientPings = new AtomicInteger();
  public volatile int rejectStatus;
  public volatile String retryAfter;
  public volatile boolean silent;
  public volatile boolean answerAppPings = true;
  public volatile Predicate<String> tokenOk = t -> true;

  public TestWsServer(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<TestWsServer> start() {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  upgrades.incrementAndGet();
                  if (rejectStatus != 0) {
                    if (retryAfter != null) {
                      req.response().putHeader("Retry-After", retryAfter);
                    }
                    req.response().setStatusCode(rejectStatus).end();
                    return;
                  }
                  req.toWebSocket().onSuccess(this::onSocket);
                });
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }

  private void onSocket(ServerWebSocket ws) {
    if (silent) {
      ws.pause();
      sockets.add(ws);
      return;
    }
    sockets.add(ws);
    ws.closeHandler(v -> sockets.remove(ws));
    ws.pongHandler(b -> pongs.incrementAndGet());
    ws.frameHandler(
        f -> {
          if (f.isPing()) {
            clientPings.incrementAndGet();
          }
        });
    ws.textMessageHandler(text -> onText(ws, text));
    ws.writeTextMessage(new JsonObject().put("type", "hello").encode());
  }

  private void onText(ServerWebSocket ws, String text) {
    JsonObject msg = new JsonObject(text);
    received.add(msg);
    String type = msg.getString("type", "");
    Object id = msg.getValue("id");
    switch (type) {
      case "auth" -> {
        if (tokenOk.test(msg.getString("token"))) {
          handshakes.incrementAndGet();
          ws.writeTextMessage(new JsonObject().put("type", "auth_ok").encode());
        } else {
          ws.writeTextMessage(new JsonObject().put("type", "auth_invalid").encode());
        }
      }
      case "echo" ->
          ws.writeTextMessage(
              new JsonObject()
                  .put("type", "result")
                  .put("id", id)
                  .put("echo", msg.getValue("data"))
                  .encode());
      case "fail" ->
          ws.writeTextMessage(
              new JsonObject().put("type", "result").put("id", id).put("error", "nope").encode());
      case "ping" -> {
        if (answerAppPings) {
          ws.writeTextMessage(new JsonObject().put("type", "pong").put("id", id).encode());
        }
      }
      default -> {
        // noreply and anything else: silence
      }
    }
  }

  /** Sends {@code text} to every open socket; returns how many. */
  public int pushText(String text) {
    sockets.forEach(s -> s.writeTextMessage(text));
    return sockets.size();
  }

  /** Pushes an event message (see {@link TestSocket#toEvents}). */
  public int pushEvent(String id, String name) {
    return pushText(TestSocket.eventMessage(id, name, null).encode());
  }

  public int pushBinary(byte[] data) {
    sockets.forEach(s -> s.writeBinaryMessage(Buffer.buffer(data)));
    return sockets.size();
  }

  public void pingAll() {
    sockets.forEach(s -> s.writePing(Buffer.buffer("server-ping")));
  }

  /** Stops reading and writing on every open socket: a half-open link (no pongs, no data). */
  public void freezeAll() {
    sockets.forEach(ServerWebSocket::pause);
  }

  /** Closes every socket (a server-side drop). */
  public void closeAll() {
    sockets.forEach(s -> s.close((short) 1001, "going away"));
  }

  /** Messages of {@code type} received from clients. */
  public List<JsonObject> received(String type) {
    return received.stream().filter(m -> type.equals(m.getString("type"))).toList();
  }
}
