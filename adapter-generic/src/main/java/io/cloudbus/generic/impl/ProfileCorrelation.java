package io.cloudbus.generic.impl;

import io.cloudbus.core.ReplyCorrelation;
import io.cloudbus.generic.VendorProfile.Correlation;
import io.cloudbus.generic.VendorProfile.ErrorRule;
import io.cloudbus.generic.VendorReplyException;
import io.vertx.core.json.JsonObject;

/**
 * The profile's {@code correlation} section as core's {@link ReplyCorrelation}.
 *
 * <p>Why an offset: the vendor (Home Assistant) needs ids that strictly increase over the whole
 * connection, but the profile's subscribe steps send correlated messages during the handshake,
 * before core's per-connection counter (which starts at 1) takes over. So the wire id is {@code
 * handshakeIds + coreId}: the handshake uses 1..n, core's first message goes out as n+1. {@link
 * #startConnection()} and {@link #nextHandshakeId()} are called by the handshake; the offset is
 * stable once the socket is connected. Only messages the {@code reply} matcher accepts are replies,
 * so events that carry their subscription's id are not mistaken for replies.
 *
 * <p>Threading: used on the socket's context; the offset is volatile for readers elsewhere.
 */
public final class ProfileCorrelation implements ReplyCorrelation {

  private final Correlation spec;
  private volatile long handshakeIds;

  public ProfileCorrelation(Correlation spec) {
    this.spec = spec;
  }

  /** Resets the id space for a new connection. */
  public void startConnection() {
    handshakeIds = 0;
  }

  /** The next id for a message sent by the handshake itself. */
  public long nextHandshakeId() {
    return ++handshakeIds;
  }

  @Override
  public void stamp(JsonObject message, long id) {
    message.put(spec.idField(), handshakeIds + id);
  }

  @Override
  public Long replyTo(JsonObject message) {
    Long wire = wireId(message);
    return wire == null ? null : wire - handshakeIds;
  }

  /** The raw id of a reply as on the wire, or null when {@code message} is not a reply. */
  public Long wireId(JsonObject message) {
    if (!spec.reply().test(message)) {
      return null;
    }
    Object v = message.getValue(spec.idField());
    return v instanceof Number n ? n.longValue() : null;
  }

  @Override
  public Throwable replyError(JsonObject reply) {
    ErrorRule rule = spec.error();
    if (rule == null || !rule.when().test(reply)) {
      return null;
    }
    String code = rule.code().renderString(reply, null);
    String msg = rule.message() == null ? null : rule.message().renderString(reply, null);
    return new VendorReplyException(code == null || code.isEmpty() ? "error" : code, msg);
  }
}
