package io.cloudbus.core.impl;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.ReplyCorrelation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keepalive actions on one open connection: a ping frame, an application ping awaited by the
 * vendor's pong predicate, and closing a dead link (which the supervisor then treats as a transient
 * failure). Confined to the socket's event-loop context.
 */
final class KeepaliveLink implements Keepalive.Link {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  private final SocketConnection c;
  private final KeepalivePolicy policy;
  private final ReplyCorrelation correlation;

  /**
   * @param correlation the connection's request/reply correlation, or null when it has none
   */
  KeepaliveLink(SocketConnection c, KeepalivePolicy policy, ReplyCorrelation correlation) {
    this.c = c;
    this.policy = policy;
    this.correlation = correlation;
  }

  @Override
  public boolean held() {
    return c.readingHeld();
  }

  @Override
  public Future<Void> ping() {
    return c.ping();
  }

  @Override
  public Future<Void> appPing() {
    JsonObject ping = policy.appPing().get().copy();
    if (correlation != null) {
      correlation.stamp(ping, c.nextId());
    }
    // The pong is awaited by the vendor's predicate (waiters see messages before reply
    // correlation), registered before the write so that a fast answer cannot slip past.
    Future<JsonObject> pong =
        c.awaitMessage(policy.appPong(), Duration.ofMillis(policy.appPingTimeoutMs()));
    c.write(ping);
    return pong.mapEmpty();
  }

  @Override
  public void dead(String reason) {
    LOG.warn("[{}] dead link: {}", c.logContext(), reason);
    c.shutdown(
        CloudbusException.transientFailure("[" + c.logContext() + "] dead link: " + reason, null));
  }
}
