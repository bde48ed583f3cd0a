package io.cloudbus.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A REST response of a vendor emulation. Immutable; {@code with...} methods return copies.
 *
 * @param status HTTP status code (100..599)
 * @param headers response headers (single values)
 * @param body body text, empty for none
 */
public record MockResponse(int status, Map<String, String> headers, String body) {

  public MockResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status out of range: " + status);
    }
    headers = Map.copyOf(headers);
    body = body == null ? "" : body;
  }

  /** {@code status} with a JSON object body and {@code Content-Type: application/json}. */
  public static MockResponse json(int status, JsonObject body) {
    return new MockResponse(status, Map.of("Content-Type", "application/json"), body.encode());
  }

  /** {@code status} with a JSON array body and {@code Content-Type: application/json}. */
  public static MockResponse json(int status, JsonArray body) {
    return new MockResponse(status, Map.of("Content-Type", "application/json"), body.encode());
  }

  /** 200 with a JSON object body. */
  public static MockResponse ok(JsonObject body) {
    return json(200, body);
  }

  /** {@code status} with a plain-text body. */
  public static MockResponse text(int status, String body) {
    return new MockResponse(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
  }

  /** {@code status} with no body (e.g. 204). */
  public static MockResponse empty(int status) {
    return new MockResponse(status, Map.of(), "");
  }

  /** A copy with header {@code name} set to {@code value}. */
  public MockResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new MockResponse(status, copy, body);
  }

  /** Status only: bodies may hold tokens. */
  @Override
  public String toString() {
    return "MockResponse[" + status + "]";
  }
}
