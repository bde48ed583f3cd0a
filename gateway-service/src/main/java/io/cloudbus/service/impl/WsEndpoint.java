package io.cloudbus.service.impl;

import io.cloudbus.core.Registration;
import io.cloudbus.core.impl.EventJson;
import io.cloudbus.service.Role;
import io.cloudbus.service.ServiceOptions;
import io.cloudbus.service.WsHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws/{resource}}: upgrades authenticated requests, enforces the client cap, picks the
 * handler (custom first, then the built-in {@code events}, vendor and {@code status} resources),
 * and fans bus events and statuses out to subscribed clients.
 */
final class WsEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(WsEndpoint.class);

  private final Vertx vertx;
  private final ServiceOptions options;
  private final GatewayMetrics metrics;
  private final Predicate<String> isVendor;
  private final Resumes resumes;
  private final Map<String, Supplier<WsHandler>> custom = new ConcurrentHashMap<>();
  // Copy on write: every event walks the list, subscribing is rare (iterating a concurrent set's
  // nodes per event cost more than the filters themselves with 100 subscribers).
  private final CopyOnWriteArrayList<WsClient> subscribers = new CopyOnWriteArrayList<>();
  private final Set<WsClient> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();

  WsEndpoint(
      Vertx vertx,
      ServiceOptions options,
      GatewayMetrics metrics,
      Predicate<String> isVendor,
      Resumes resumes) {
    this.vertx = vertx;
    this.resumes = resumes;
    this.options = options;
    this.metrics = metrics;
    this.isVendor = isVendor;
  }

  Registration addHandler(String resource, Supplier<WsHandler> factory) {
    if (resource == null || !resource.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("invalid resource name: " + resource);
    }
    custom.put(resource, factory);
    return () -> custom.remove(resource, factory);
  }

  /** The route handler of {@code /ws/:resource}, after authentication. */
  void handle(RoutingContext rc) {
    String resource = rc.pathParam("resource");
    Set<Role> roles = rc.get(TokenAuth.ROLES_KEY);
    // the TCP connection under the WebSocket, to abort a slow client (see ConnectionAbort)
    HttpConnection connection = rc.request().connection();
    rc.request()
        .toWebSocket()
        .onSuccess(
            ws -> {
              guardFrames(connection);
              accept(ws, connection, resource, roles);
            })
        .onFailure(
            e -> {
              LOG.debug("/ws upgrade failed: {}", e.toString());
              HttpErrors.end(rc, 400, "upgrade_required", "this endpoint is a WebSocket");
            });
  }

  /**
   * Closes the socket with 1009, 1007 or 1002 on an oversized message, invalid UTF-8 or reserved
   * bits (see {@link WsFrameGuard}); the hard limit is the one Vert.x reassembles messages up to.
   */
  private void guardFrames(HttpConnection connection) {
    // the router hands out a wrapper of the WebSocket: its channel is the HTTP connection's
    if (connection instanceof ConnectionBase base) {
      WsFrameGuard.install(
          base.channel().pipeline(),
          options.maxFrameBytes() * GatewayVerticle.HARD_FRAME_FACTOR,
          () -> metrics.badFrame(GatewayMetrics.WS));
    }
  }

  private void accept(
      ServerWebSocket ws, HttpConnection connection, String resource, Set<Role> roles) {
    String id = "ws#" + ids.incrementAndGet();
    if (metrics.totalClients() >= options.maxClients()) {
      metrics.clientRejected(GatewayMetrics.WS, "too_many_clients");
      LOG.info("[{}] refused: too many clients ({})", id, options.maxClients());
      refuse(ws, (short) 1013, "too_many_clients", "too many clients");
      return;
    }
    Supplier<WsHandler> factory = custom.get(resource);
    WsHandler handler;
    if (factory != null) {
      handler = factory.get();
    } else if ("events".equals(resource) || "status".equals(resource) || isVendor.test(resource)) {
      handler = new BuiltinWsHandler(this);
    } else {
      refuse(ws, (short) 1008, "unknown_resource", "unknown resource: " + abbreviate(resource));
      return;
    }
    WsClient client =
        new WsClient(
            vertx,
            connection,
            ws,
            id,
            resource,
            roles,
            options.maxFrameBytes(),
            options.clientQueueHighWaterMark(),
            options.limits().idleTimeoutMs(),
            metrics);
    FlushBatching.install(connection);
    metrics.clientConnected(GatewayMetrics.WS);
    clients.add(client);
    LOG.debug("[{}] open on /ws/{}", id, resource);
    client.open(
        handler,
        () -> {
          clients.remove(client);
          subscribers.remove(client);
          metrics.clientDisconnected(GatewayMetrics.WS);
        });
  }

  private static void refuse(ServerWebSocket ws, short status, String code, String message) {
    JsonObject error =
        new JsonObject()
            .put("type", "error")
            .put("error", new JsonObject().put("code", code).put("message", message));
    ws.writeTextMessage(error.encode()).onComplete(ar -> ws.close(status, message));
  }

  void subscribe(WsClient client, WsFilter filter) {
    client.replay(null, 0);
    client.filter(filter);
    subscribers.addIfAbsent(client);
  }

  /**
   * Subscribes {@code client} from {@code since} (see {@link WsReplays}): live events wait while
   * the journal is replayed; answers {@code subscribed}, the replayed events, then {@code
   * replayed}.
   */
  void subscribe(WsClient client, WsFilter filter, String since) {
    WsReplays.start(vertx.getOrCreateContext(), resumes, this, client, filter, since);
  }

  /** The journal's latest position (its base position when empty). */
  Future<Long> latestPosition() {
    return resumes.journal().latestPosition();
  }

  void unsubscribe(WsClient client) {
    subscribers.remove(client);
    client.filter(null);
    client.replay(null, 0);
  }

  /**
   * Sends one bus event to every matching subscriber of {@code events} and its vendor; {@code
   * position} is its journal position (-1: none), written in the frame.
   */
  void onEvent(JsonObject event, long position) {
    Object vendor = event.getValue("vendor");
    Object account = event.getValue("account");
    Object type = event.getValue("type");
    String encoded = null;
    String forEvents = null;
    String forVendor = null;
    int written = 0;
    for (WsClient c : subscribers) {
      WsFilter f = c.filter();
      if (f == null || !f.matchesEvent(vendor, account, type)) {
        continue;
      }
      String text;
      if ("events".equals(c.resource())) {
        if (forEvents == null) {
          encoded = encoded == null ? EventJson.encode(event) : encoded;
          forEvents = frame("events", position, encoded);
        }
        text = forEvents;
      } else if (c.resource().equals(vendor)) {
        if (forVendor == null) {
          encoded = encoded == null ? EventJson.encode(event) : encoded;
          forVendor = frame(c.resource(), position, encoded);
        }
        text = forVendor;
      } else {
        continue;
      }
      Replay replay = c.replay();
      if (replay != null) {
        replay.offerLive(event, position);
        continue;
      }
      if (!c.isNew(position)) {
        continue;
      }
      if (c.writeEncoded(text)) {
        written++;
      }
    }
    metrics.eventsOut(GatewayMetrics.WS, event, written);
  }

  /** Sends one status to every matching subscriber of {@code status}. */
  void onStatus(JsonObject status) {
    String text = null;
    for (WsClient c : subscribers) {
      WsFilter f = c.filter();
      if (f != null && "status".equals(c.resource()) && f.matchesStatus(status)) {
        if (text == null) {
          text = new JsonObject().put("type", "status").put("data", status).encode();
        }
        c.writeEncoded(text);
      }
    }
  }

  /**
   * {@code {"type":"event","resource":R,"position":"P","data":EVENT}} around the event's JSON,
   * which is encoded once per event whatever the number of resources and clients; no {@code
   * position} when the event has none ({@code position} -1: the journal could not record it).
   */
  static String frame(String resource, long position, String encodedEvent) {
    return "{\"type\":\"event\",\"resource\":"
        + Json.encode(resource)
        + (position > 0 ? ",\"position\":\"" + position + "\"" : "")
        + ",\"data\":"
        + encodedEvent
        + "}";
  }

  /** Records a replayed event in the metrics. */
  void replayed(int n) {
    metrics.eventsReplayed(GatewayMetrics.WS, n);
  }

  void closeAll() {
    for (WsClient c : clients) {
      c.close((short) 1001, "service stopping");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
