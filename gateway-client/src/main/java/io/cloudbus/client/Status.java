package io.cloudbus.client;

import io.cloudbus.client.impl.Json;
import java.util.Map;

/**
 * A connection-state change of one vendor account, as sent on {@code /ws/status}. Immutable.
 *
 * @param vendor the vendor, may be null
 * @param account the account, may be null
 * @param state {@code offline}, {@code connecting}, {@code connected}, {@code paused}, {@code
 *     backoff}, {@code auth_failed} or {@code stopped}
 * @param since when the state began (text as sent), may be null
 * @param reason why, may be null
 * @param attempt the reconnect attempt, or null
 * @param nextRetryMs milliseconds until the next retry, or null
 * @param json the status object exactly as sent
 */
public record Status(
    String vendor,
    String account,
    String state,
    String since,
    String reason,
    Long attempt,
    Long nextRetryMs,
    String json) {

  /**
   * Parses a status object.
   *
   * @throws IllegalArgumentException if it is not a JSON object
   */
  public static Status parse(String json) {
    Map<String, Object> m = Json.parseObject(json);
    return new Status(
        text(m, "vendor"),
        text(m, "account"),
        text(m, "state"),
        text(m, "since"),
        text(m, "reason"),
        number(m, "attempt"),
        number(m, "nextRetryMs"),
        json);
  }

  private static String text(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : v instanceof String s ? s : Json.write(v);
  }

  private static Long number(Map<String, Object> m, String key) {
    return m.get(key) instanceof Number n ? n.longValue() : null;
  }
}
