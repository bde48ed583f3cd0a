package io.cloudbus.core;

import io.vertx.core.json.JsonObject;

/**
 * How a vendor correlates requests and replies, for {@link CloudSocket#sendMessage(JsonObject)}.
 * Ids are assigned by the socket from a counter that starts at 1 on every connection and strictly
 * increases (Home Assistant rejects reused ids).
 */
public interface ReplyCorrelation {

  /** Writes {@code id} into an outgoing message (e.g. {@code message.put("id", id)}). */
  void stamp(JsonObject message, long id);

  /** The id a received message replies to, or null when it is not a reply. */
  Long replyTo(JsonObject message);

  /**
   * The failure a reply carries (e.g. HA's {@code success:false} with an error code), or null when
   * the reply is a success.
   */
  Throwable replyError(JsonObject reply);

  /** Correlation on a top-level numeric {@code id} field; every message with an id is a reply. */
  static ReplyCorrelation idField(String field) {
    return new ReplyCorrelation() {
      @Override
      public void stamp(JsonObject message, long id) {
        message.put(field, id);
      }

      @Override
      public Long replyTo(JsonObject message) {
        Object v = message.getValue(field);
        return v instanceof Number n ? n.longValue() : null;
      }

      @Override
      public Throwable replyError(JsonObject reply) {
        return null;
      }
    };
  }
}
