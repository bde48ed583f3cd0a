package io.cloudbus.examples.tickle;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventTypes;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.SocketSession;
import io.cloudbus.core.http.RestClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket of the example vendor "tickle" (docs/adapters/writing-an-adapter.md). Its push socket
 * only announces news: after a {@code {"type":"subscribe"}} acknowledged by {@code
 * {"type":"subscribed"}}, it sends {@code {"type":"tickle"}} frames, and the events themselves are
 * fetched from {@code GET <apiUrl>/events} ({@code {"events":[{"id","kind","device","at"}]}}). The
 * fetch may return events published before: the base's dedup drops them by id.
 *
 * <p>Hooks run on the socket's event-loop context and never block; the fetch is asynchronous and
 * hands its result to {@link #publish(List)}.
 */
public final class TickleSocket extends CloudSocket {

  private static final Logger LOG = LoggerFactory.getLogger(TickleSocket.class);

  private final Vertx vertx;
  private final String socketUrl;
  private final String apiUrl;
  private RestClient rest;

  /**
   * @param authFactory creates the account's auth handler; called once per deployment, on the
   *     socket's context
   */
  public TickleSocket(
      Vertx vertx,
      CloudSocketOptions options,
      Supplier<TickleAuthHandler> authFactory,
      String socketUrl,
      String apiUrl) {
    super(options, authFactory);
    this.vertx = vertx;
    this.socketUrl = socketUrl;
    this.apiUrl = apiUrl;
  }

  /** The REST client needs the auth handler, which exists from {@code start()} on. */
  @Override
  protected Future<Void> doStart() {
    rest = new RestClient(vertx, auth());
    return Future.succeededFuture();
  }

  @Override
  protected Future<WebSocketConnectOptions> connectOptions(AccessToken token) {
    return Future.succeededFuture(
        new WebSocketConnectOptions()
            .setAbsoluteURI(socketUrl)
            .addHeader("Authorization", "Bearer " + token.accessToken()));
  }

  @Override
  protected Future<Void> handshake(SocketSession session, AccessToken token) {
    // Register the wait before sending, so that a fast answer cannot slip past.
    Future<JsonObject> ack =
        session.awaitMessage(m -> "subscribed".equals(m.getString("type")), Duration.ofSeconds(10));
    return session.send(new JsonObject().put("type", "subscribe")).compose(v -> ack).mapEmpty();
  }

  @Override
  protected List<CloudbusEvent> toEvents(JsonObject message) {
    if ("tickle".equals(message.getString("type"))) {
      // No event in the frame: fetch, then publish asynchronously (never block here).
      fetch()
          .compose(this::publish)
          .onFailure(err -> LOG.warn("[{}] fetch failed: {}", account(), err.getMessage()));
    }
    return List.of();
  }

  /** A silent link is dead after 90 s (the vendor pings every 30 s). */
  @Override
  protected KeepalivePolicy keepalive() {
    return KeepalivePolicy.silenceOnly(90_000);
  }

  /** Catch-up after every (re)connect: what happened while offline (dedup drops repeats). */
  @Override
  protected Future<List<CloudbusEvent>> recentEvents(AccessToken token) {
    return fetch();
  }

  private Future<List<CloudbusEvent>> fetch() {
    return rest.getJson(apiUrl + "/events").map(this::toCloudbusEvents);
  }

  private List<CloudbusEvent> toCloudbusEvents(JsonObject body) {
    JsonArray events = body.getJsonArray("events", new JsonArray());
    List<CloudbusEvent> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      JsonObject e = events.getJsonObject(i);
      out.add(
          CloudbusEvent.builder(vendor(), account())
              .id(e.getString("id"))
              .name(
                  "motion".equals(e.getString("kind")) ? EventTypes.CAMERA_MOTION : "tickle.other")
              .subject(e.getString("device"))
              .time(e.containsKey("at") ? Instant.parse(e.getString("at")) : Instant.now())
              .vendorType(e.getString("kind"))
              .data(new JsonObject().put("raw", e))
              .build());
    }
    return out;
  }
}
