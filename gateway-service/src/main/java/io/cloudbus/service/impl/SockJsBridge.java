package io.cloudbus.service.impl;

import io.cloudbus.service.Role;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SockJS event bus bridge at {@code /eventbus/*}: Vert.x's bridge with the permits of {@link
 * BridgePermits}, plus a hook that enforces the client cap, the {@code command} role on inbound
 * messages (from the connection's token or a token in the frame's headers, which is removed before
 * the bus sees the message), the frame size, and the slow-client guard.
 */
final class SockJsBridge {

  private static final Logger LOG = LoggerFactory.getLogger(SockJsBridge.class);
  private static final long SLOW_CLOSE_GRACE_MS = 2_000;

  private final Vertx vertx;
  private final ServiceOptions options;
  private final TokenAuth auth;
  private final GatewayMetrics metrics;
  private final Map<SockJSSocket, Client> clients = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  private static final class Client {
    final String id;
    volatile Set<Role> roles;
    volatile io.cloudbus.service.ApiToken token;
    final SlowClientGuard guard;

    Client(String id, Set<Role> roles, SlowClientGuard guard) {
      this.id = id;
      this.roles = roles;
      this.guard = guard;
    }
  }

  SockJsBridge(Vertx vertx, ServiceOptions options, TokenAuth auth, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.options = options;
    this.auth = auth;
    this.metrics = metrics;
  }

  Router router() {
    SockJSBridgeOptions bridge =
        new SockJSBridgeOptions()
            .setOutboundPermitteds(BridgePermits.outbound())
            .setInboundPermitteds(BridgePermits.inbound())
            .setPingTimeout(options.bridgePingTimeoutMs())
            .setMaxHandlersPerSocket(100)
            .setMaxAddressLength(200);
    return SockJSHandler.create(vertx, new SockJSHandlerOptions()).bridge(bridge, this::onEvent);
  }

  /**
   * Reads the body of the SockJS HTTP send transports ({@code xhr_send}, {@code jsonp_send}), which
   * Vert.x's SockJS handler expects read; a body above the hard frame limit ({@code maxFrameBytes}
   * times {@link GatewayVerticle#HARD_FRAME_FACTOR}, the WebSocket transport's bound) is answered
   * 413 without being buffered further. No file uploads.
   */
  Handler<RoutingContext> bodyHandler() {
    return BodyHandler.create(false)
        .setBodyLimit((long) options.maxFrameBytes() * GatewayVerticle.HARD_FRAME_FACTOR)
        .setMergeFormAttributes(false);
  }

  /** Refuses SockJS HTTP sends whose declared body is above the hard frame limit. */
  void guardRequest(RoutingContext rc) {
    String length = rc.request().getHeader("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length)
            > (long) options.maxFrameBytes() * GatewayVerticle.HARD_FRAME_FACTOR) {
          metrics.badFrame(GatewayMetrics.SOCKJS);
          HttpErrors.end(rc, 413, "frame_too_large", "request body too large");
          return;
        }
      } catch (NumberFormatException e) {
        HttpErrors.end(rc, 400, "bad_request", "invalid Content-Length");
        return;
      }
    }
    rc.next();
  }

  private void onEvent(BridgeEvent be) {
    SockJSSocket sock = be.socket();
    BridgeEventType type = be.type();
    switch (type) {
      case SOCKET_CREATED -> created(be, sock);
      case SOCKET_CLOSED -> {
        Client c = clients.remove(sock);
        if (c != null) {
          metrics.clientDisconnected(GatewayMetrics.SOCKJS);
          LOG.debug("[{}] closed", c.id);
        }
        be.complete(true);
      }
      case SEND, PUBLISH -> be.complete(inbound(be, sock));
      case REGISTER -> {
        Client c = clients.get(sock);
        boolean ok = c != null && c.roles != null && c.roles.contains(Role.READ);
        if (ok
            && !BridgePermits.outboundAllowed(
                String.valueOf(be.getRawMessage().getValue("address")))) {
          LOG.debug("[{}] register refused: address not permitted", c.id);
        }
        be.complete(ok);
      }
      case RECEIVE -> be.complete(receive(be, sock));
      default -> be.complete(true);
    }
  }

  private void created(BridgeEvent be, SockJSSocket sock) {
    String id = "sockjs#" + ids.incrementAndGet();
    if (metrics.totalClients() >= options.maxClients()) {
      metrics.clientRejected(GatewayMetrics.SOCKJS, "too_many_clients");
      LOG.info("[{}] refused: too many clients ({})", id, options.maxClients());
      sock.close(1013, "too many clients");
      be.complete(false);
      return;
    }
    String query =
        sock.uri() == null || !sock.uri().contains("?")
            ? null
            : sock.uri().substring(sock.uri().indexOf('?') + 1);
    String presented = TokenAuth.presentedToken(sock.headers(), query);
    Set<Role> roles = auth.rolesOf(presented);
    // the TCP connection of a WebSocket transport, to abort a slow client (see ConnectionAbort)
    HttpConnection connection =
        sock.routingContext() != null && sock.uri() != null && sock.uri().contains("/websocket")
            ? sock.routingContext().request().connection()
            : null;
    Client c =
        new Client(
            id,
            roles,
            new SlowClientGuard(
                sock, options.clientQueueHighWaterMark(), () -> cutSlow(id, sock, connection)));
    c.token = auth.tokenOf(presented);
    clients.put(sock, c);
    metrics.clientConnected(GatewayMetrics.SOCKJS);
    LOG.debug("[{}] open", id);
    be.complete(true);
  }

  private boolean inbound(BridgeEvent be, SockJSSocket sock) {
    Client c = clients.get(sock);
    JsonObject raw = be.getRawMessage();
    if (c == null || raw == null) {
      return false;
    }
    if (raw.encode().length() > options.maxFrameBytes()) {
      metrics.badFrame(GatewayMetrics.SOCKJS);
      LOG.debug("[{}] inbound frame over {} bytes refused", c.id, options.maxFrameBytes());
      return false;
    }
    String frameToken = TokenAuth.frameToken(raw);
    if (frameToken != null) {
      Set<Role> roles = auth.rolesOf(frameToken);
      if (roles == null) {
        metrics.clientRejected(GatewayMetrics.SOCKJS, "unauthorized");
        LOG.debug("[{}] frame with an invalid token refused", c.id);
        return false;
      }
      c.roles = roles;
      c.token = auth.tokenOf(frameToken);
      JsonObject stripped = raw.copy();
      TokenAuth.stripFrameToken(stripped);
      be.setRawMessage(stripped);
      raw = stripped;
    }
    String address = String.valueOf(raw.getValue("address"));
    if (BridgePermits.inboundAllowed(address) && !GatewayVerticle.mayCommand(c.roles)) {
      LOG.debug("[{}] command refused: the token lacks the command role", c.id);
      return false;
    }
    if (BridgePermits.inboundAllowed(address)
        && !CommandLimiter.of(vertx, options.limits())
            .admit(c.id, address, metrics, GatewayMetrics.SOCKJS)) {
      LOG.debug("[{}] command refused: rate limited", c.id);
      return false;
    }
    if (BridgePermits.inboundAllowed(address)) {
      JsonObject marked = raw.copy();
      TokenAuth.markSender(marked, c.token);
      be.setRawMessage(marked);
    }
    return true;
  }

  private boolean receive(BridgeEvent be, SockJSSocket sock) {
    Client c = clients.get(sock);
    if (c == null || !c.guard.admit()) {
      return false;
    }
    JsonObject raw = be.getRawMessage();
    if (raw != null && String.valueOf(raw.getValue("address")).startsWith("cloudbus.events")) {
      metrics.eventOut(
          GatewayMetrics.SOCKJS, raw.getValue("body") instanceof JsonObject b ? b : null);
    }
    return true;
  }

  private void cutSlow(String id, SockJSSocket sock, HttpConnection connection) {
    metrics.slowClientDropped(GatewayMetrics.SOCKJS);
    LOG.info("[{}] disconnected: slow client (write queue stayed full)", id);
    sock.close(1008, "slow client: too many messages queued");
    if (connection != null) {
      // the close frame waits behind everything the client did not read: bound the wait
      vertx.setTimer(
          SLOW_CLOSE_GRACE_MS,
          t -> {
            if (clients.containsKey(sock)) {
              ConnectionAbort.abort(connection);
            }
          });
    }
  }
}
