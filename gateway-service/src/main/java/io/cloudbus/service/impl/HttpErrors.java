package io.cloudbus.service.impl;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON error bodies: {@code {"error":{"code":"...","message":"..."}}}. */
final class HttpErrors {

  private HttpErrors() {}

  static JsonObject body(String code, String message) {
    return new JsonObject()
        .put("error", new JsonObject().put("code", code).put("message", message));
  }

  static void end(RoutingContext rc, int status, String code, String message) {
    if (rc.response().ended()) {
      return;
    }
    rc.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body(code, message).encode());
  }
}
