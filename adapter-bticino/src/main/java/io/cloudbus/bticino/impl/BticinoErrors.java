package io.cloudbus.bticino.impl;

import io.vertx.core.json.JsonObject;

/** Netatmo API error bodies: {@code {"error":{"code":N,"message":"..."}}}. */
public final class BticinoErrors {

  /** 403 with this code means throttling (pyatmo). */
  public static final int THROTTLED = 26;

  /** 429 with this code: "Rate limit exceeded". */
  public static final int RATE_LIMIT = 28;

  /** "Internal error": subscribe refused (bad or expired token), or a server fault. */
  public static final int INTERNAL = 11;

  private BticinoErrors() {}

  /** The numeric error code of a Netatmo API error body, or null. */
  public static Integer code(Object body) {
    if (body instanceof JsonObject json
        && json.getValue("error") instanceof JsonObject error
        && error.getValue("code") instanceof Number n) {
      return n.intValue();
    }
    return null;
  }

  /** The error message of a Netatmo API error body (vendor text, no secrets), or null. */
  public static String message(Object body) {
    if (body instanceof JsonObject json
        && json.getValue("error") instanceof JsonObject error
        && error.getValue("message") instanceof String s) {
      return s.length() > 200 ? s.substring(0, 200) : s;
    }
    return null;
  }
}
