package io.cloudbus.service.impl;

import io.cloudbus.service.Role;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication of one TCP bridge connection. Without tokens configured it is authenticated
 * from the start. With tokens it is <em>pending</em> until a frame's headers carry a valid token
 * ({@code token}, or {@code authorization: Bearer ...}); then {@code admit} decides whether it may
 * stay as a client (else {@code err too_many_clients} and close). A pending connection gets nothing
 * but {@code err unauthorized}: one per frame that does not authenticate it, the {@value
 * #MAX_FAILURES}th closing it, and one when {@code limits().authTimeoutMs()} passes, closing it.
 * Each such close is counted in {@code cloudbus_clients_rejected_total} ({@code unauthorized},
 * {@code auth_timeout}, {@code too_many_clients}). An authenticated connection that presents an
 * invalid token later gets {@code err unauthorized} and keeps its roles; a valid one replaces them.
 *
 * <p>Threading: the connection's event loop only.
 */
final class TcpClientAuth {

  private static final Logger LOG = LoggerFactory.getLogger(TcpClientAuth.class);
  static final int MAX_FAILURES = 3;

  private final Vertx vertx;
  private final String id;
  private final ServiceOptions options;
  private final TokenAuth auth;
  private final GatewayMetrics metrics;
  private final TcpOutbound outbound;
  private final BooleanSupplier admit;
  private Set<Role> roles;
  private boolean admitted;
  private int failures;
  private long deadline = -1;
  private io.cloudbus.service.ApiToken apiToken;

  /**
   * {@code admitted} true: the caller counted the connection as a client already (no tokens
   * configured); false: pending, and {@code admit} is asked once it authenticates.
   */
  TcpClientAuth(
      Vertx vertx,
      String id,
      ServiceOptions options,
      TokenAuth auth,
      GatewayMetrics metrics,
      TcpOutbound outbound,
      BooleanSupplier admit,
      boolean admitted) {
    this.vertx = vertx;
    this.id = id;
    this.options = options;
    this.auth = auth;
    this.metrics = metrics;
    this.outbound = outbound;
    this.admit = admit;
    this.admitted = admitted;
    this.roles = admitted ? auth.rolesOf(null) : null;
  }

  /** Arms the auth deadline of a pending connection. */
  void start() {
    if (pending()) {
      deadline = vertx.setTimer(options.limits().authTimeoutMs(), t -> deadlinePassed());
    }
  }

  boolean pending() {
    return roles == null;
  }

  /** The connection's roles; null while pending. */
  Set<Role> roles() {
    return roles;
  }

  /** Whether {@code admit} let the connection in (or it was admitted from the start). */
  boolean admitted() {
    return admitted;
  }

  /**
   * Applies the token of {@code frame} (null: the frame was not a JSON object), removing it from
   * the frame. True when the frame is to be handled with {@link #roles()}; false when it has been
   * answered here already (and the connection may be closing).
   */
  boolean accept(JsonObject frame) {
    String token = TokenAuth.frameToken(frame);
    if (token != null) {
      Set<Role> presented = auth.rolesOf(token);
      if (presented == null) {
        refuse();
        return false;
      }
      TokenAuth.stripFrameToken(frame);
      if (pending() && !admitNow()) {
        return false;
      }
      roles = presented;
      apiToken = auth.tokenOf(token);
      markIfCommand(frame);
      return true;
    }
    if (pending()) {
      refuse();
      return false;
    }
    markIfCommand(frame);
    return true;
  }

  private void markIfCommand(JsonObject frame) {
    if (frame != null
        && frame.getValue("address") instanceof String a
        && BridgePermits.inboundAllowed(a)) {
      TokenAuth.markSender(frame, apiToken);
    }
  }

  /** Answers a frame that cannot authenticate: {@code err unauthorized}; counts while pending. */
  void refuse() {
    outbound.write(TcpBridgeConnection.err("unauthorized"));
    if (pending() && ++failures >= MAX_FAILURES) {
      metrics.clientRejected(GatewayMetrics.TCP, "unauthorized");
      LOG.debug("[{}] closed: {} frames without a valid token", id, failures);
      outbound.close(null);
    }
  }

  void closed() {
    vertx.cancelTimer(deadline);
  }

  private boolean admitNow() {
    vertx.cancelTimer(deadline);
    if (!admit.getAsBoolean()) {
      LOG.info("[{}] refused: too many clients ({})", id, options.maxClients());
      outbound.close(TcpBridgeConnection.err("too_many_clients"));
      return false;
    }
    admitted = true;
    LOG.debug("[{}] authenticated", id);
    return true;
  }

  private void deadlinePassed() {
    if (pending() && !outbound.closing()) {
      metrics.clientRejected(GatewayMetrics.TCP, "auth_timeout");
      LOG.debug(
          "[{}] closed: not authenticated within {} ms", id, options.limits().authTimeoutMs());
      outbound.close(TcpBridgeConnection.err("unauthorized"));
    }
  }
}
