package io.cloudbus.bench;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The line protocol between the bench driver and its child processes (gateway and mock), on the
 * child's stdin and stdout. Small on purpose:
 *
 * <ul>
 *   <li>driver → child (stdin): one JSON object per line, {@code {"id":N,"op":"...",...}};
 *   <li>child → driver (stdout): lines starting with {@link #MARKER}, then one JSON object: a reply
 *       {@code {"id":N,"ok":true,"result":{...}}} or {@code {"id":N,"ok":false,"error":"..."}}, or
 *       an unsolicited event {@code {"event":"ready"|"counts",...}}. Any other stdout line (a
 *       library printing something) is not protocol and is passed through to the driver's stderr.
 * </ul>
 *
 * <p>The child serves one request at a time, in order. It exits when its stdin closes, so it never
 * outlives its driver. Pure functions; thread-safe.
 */
final class ChildProtocol {

  /** Prefix of every protocol line the child writes. */
  static final String MARKER = "@cloudbus-bench ";

  private ChildProtocol() {}

  /** A request line (without newline). */
  static String request(long id, String op, JsonObject args) {
    JsonObject json = args == null ? new JsonObject() : args.copy();
    return json.put("id", id).put("op", op).encode();
  }

  /** A success reply line. */
  static String reply(long id, JsonObject result) {
    return MARKER
        + new JsonObject()
            .put("id", id)
            .put("ok", true)
            .put("result", result == null ? new JsonObject() : result)
            .encode();
  }

  /** A failure reply line; {@code message} is the reason shown in the driver's table. */
  static String failure(long id, String message) {
    return MARKER + new JsonObject().put("id", id).put("ok", false).put("error", message).encode();
  }

  /** An event line, e.g. {@code ready} with the mock's URLs, or {@code counts}. */
  static String event(String name, JsonObject body) {
    JsonObject json = body == null ? new JsonObject() : body.copy();
    return MARKER + json.put("event", name).encode();
  }

  /**
   * The protocol message of a child's stdout line, or {@code null} when the line is not protocol
   * (no marker).
   *
   * @throws IllegalArgumentException when the line has the marker but no valid JSON object
   */
  static JsonObject parseChildLine(String line) {
    if (line == null || !line.startsWith(MARKER)) {
      return null;
    }
    return object(line.substring(MARKER.length()));
  }

  /**
   * A request read by the child: has a numeric {@code id} and a string {@code op}.
   *
   * @throws IllegalArgumentException when the line is not such an object
   */
  static JsonObject parseRequest(String line) {
    JsonObject json = object(line);
    if (!(json.getValue("id") instanceof Number) || !(json.getValue("op") instanceof String)) {
      throw new IllegalArgumentException("a request needs a numeric id and a string op: " + line);
    }
    return json;
  }

  private static JsonObject object(String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object: " + text, e);
    }
  }
}
