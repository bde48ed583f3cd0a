package io.cloudbus.core.testing;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.ReplyCorrelation;
import io.cloudbus.core.SocketSession;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A minimal vendor adapter for {@link TestWsServer}, with switchable hooks. */
public class TestSocket extends CloudSocket {

  private final int port;
  public volatile KeepalivePolicy policy = KeepalivePolicy.none();
  public volatile boolean correlate = true;
  public volatile boolean refreshInPlace;
  public volatile Function<AccessToken, Future<List<CloudbusEvent>>> recent;
  public final AtomicInteger handshakeCalls = new AtomicInteger();
  public final AtomicInteger refreshOnSocketCalls = new AtomicInteger();
  public final List<String> mappedTypes = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * @param auth the handler the socket adopts (and closes when it stops), or null
   */
  public TestSocket(CloudSocketOptions options, AuthHandler auth, int port) {
    super(options, auth == null ? null : () -> auth);
    this.port = port;
  }

  /** A socket that creates its auth handler with {@code authFactory} at start. */
  public TestSocket(
      CloudSocketOptions options,
      java.util.function.Supplier<? extends AuthHandler> authFactory,
      int port) {
    super(options, authFactory);
    this.port = port;
  }

  /** The verticle's context, where hooks run; null before deployment. */
  public io.vertx.core.Context verticleContext() {
    return context;
  }

  /** The wire form of an event push. */
  public static JsonObject eventMessage(String id, String name, Instant time) {
    JsonObject m = new JsonObject().put("type", "event").put("id", id).put("name", name);
    if (time != null) {
      m.put("time", time.toString());
    }
    return m;
  }

  public CloudbusEvent event(String id, String name, Instant time) {
    return CloudbusEvent.builder(vendor(), account())
        .id(id)
        .name(name)
        .time(time)
        .data(new JsonObject().put("raw", eventMessage(id, name, time)))
        .build();
  }

  @Override
  protected Future<WebSocketConnectOptions> connectOptions(AccessToken token) {
    return Future.succeededFuture(
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"));
  }

  @Override
  protected Future<Void> handshake(SocketSession session, AccessToken token) {
    handshakeCalls.incrementAndGet();
    JsonObject auth = new JsonObject().put("type", "auth");
    if (token != null) {
      auth.put("token", token.accessToken());
    }
    return session
        .send(auth)
        .compose(
            v ->
                session.awaitMessage(
                    m -> m.getString("type", "").startsWith("auth_"), Duration.ofSeconds(5)))
        .compose(
            reply ->
                "auth_ok".equals(reply.getString("type"))
                    ? Future.succeededFuture()
                    : Future.failedFuture(CloudbusException.auth("server said auth_invalid")));
  }

  @Override
  protected List<CloudbusEvent> toEvents(JsonObject message) {
    String type = message.getString("type", "");
    mappedTypes.add(type);
    if ("boom".equals(type)) {
      throw new IllegalStateException("mapper exploded");
    }
    if (!"event".equals(type)) {
      return List.of();
    }
    String time = message.getString("time");
    return List.of(
        event(
            message.getString("id"),
            message.getString("name", "unmapped"),
            time == null ? null : Instant.parse(time)));
  }

  @Override
  protected KeepalivePolicy keepalive() {
    return policy;
  }

  @Override
  protected Future<List<CloudbusEvent>> recentEvents(AccessToken token) {
    return recent == null ? super.recentEvents(token) : recent.apply(token);
  }

  @Override
  protected Future<Boolean> refreshOnSocket(SocketSession session, AccessToken fresh) {
    refreshOnSocketCalls.incrementAndGet();
    if (!refreshInPlace) {
      return Future.succeededFuture(false);
    }
    return session
        .send(new JsonObject().put("type", "auth").put("token", fresh.accessToken()))
        .map(true);
  }

  @Override
  protected ReplyCorrelation correlation() {
    if (!correlate) {
      return null;
    }
    return new ReplyCorrelation() {
      @Override
      public void stamp(JsonObject message, long id) {
        message.put("id", id);
      }

      @Override
      public Long replyTo(JsonObject message) {
        String type = message.getString("type", "");
        return ("result".equals(type) || "pong".equals(type)) && message.getValue("id") != null
            ? message.getLong("id")
            : null;
      }

      @Override
      public Throwable replyError(JsonObject reply) {
        String error = reply.getString("error");
        return error == null ? null : new IllegalStateException("server error: " + error);
      }
    };
  }
}
