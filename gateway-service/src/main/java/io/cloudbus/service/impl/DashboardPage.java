package io.cloudbus.service.impl;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The dashboard's public parts: its favicon, and its sign-in answer. With tokens configured, a
 * browser that opens {@code /} without a valid token gets the page itself with HTTP 401: the page
 * holds no data and shows a token prompt (which reloads with {@code ?token=}) instead of a raw JSON
 * error. Other clients still get the JSON 401 of {@link TokenAuth}.
 */
final class DashboardPage {

  private DashboardPage() {}

  /** {@code GET /favicon.ico}: the dashboard's icon (SVG). */
  static void favicon(RoutingContext rc) {
    rc.response()
        .putHeader("Content-Type", "image/svg+xml")
        .putHeader("Cache-Control", "max-age=86400")
        .sendFile("webroot/assets/favicon.svg");
  }

  /** Runs before {@code auth} on {@code GET /}. */
  static Handler<RoutingContext> signIn(TokenAuth auth) {
    return rc -> {
      String accept = rc.request().getHeader("Accept");
      boolean browser = accept != null && accept.contains("text/html");
      if (!browser || auth.rolesOf(TokenAuth.presentedToken(rc.request())) != null) {
        rc.next();
        return;
      }
      rc.response()
          .setStatusCode(401)
          .putHeader("WWW-Authenticate", "Bearer realm=\"cloudbus\"")
          .putHeader("Content-Type", "text/html; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .sendFile("webroot/index.html");
    };
  }
}
