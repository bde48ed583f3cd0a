package io.cloudbus.service.impl;

import io.cloudbus.service.ApiToken;
import io.cloudbus.service.Role;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * Bearer-token authentication. Tokens are kept as SHA-256 hashes; a presented token is hashed and
 * compared with every configured hash in constant time ({@link
 * java.security.MessageDigest#isEqual}) without stopping at the first match. With no token
 * configured every caller has the {@code read} role only: nobody may send commands, because no
 * caller can prove it was given that right (see docs/security.md).
 */
final class TokenAuth {

  /** The routing-context key of the caller's {@code Set<Role>}. */
  static final String ROLES_KEY = "cloudbus.roles";

  /** The roles of every caller when no token is configured. */
  static final Set<Role> UNAUTHENTICATED = Set.of(Role.READ);

  private final List<ApiToken> tokens;

  TokenAuth(List<ApiToken> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  boolean enabled() {
    return !tokens.isEmpty();
  }

  /**
   * The roles of {@code presented}, or null when it matches no token (or is null). With no token
   * configured: {@link #UNAUTHENTICATED}, whatever is presented.
   */
  Set<Role> rolesOf(String presented) {
    if (!enabled()) {
      return UNAUTHENTICATED;
    }
    if (presented == null || presented.isEmpty()) {
      return null;
    }
    byte[] hash = ApiToken.sha256(presented);
    Set<Role> found = null;
    for (ApiToken t : tokens) {
      if (t.matches(hash) && found == null) {
        found = t.roles();
      }
    }
    return found;
  }

  /** The configured name of {@code presented}'s token, or null (no match, no name, no tokens). */
  String nameOf(String presented) {
    if (!enabled() || presented == null || presented.isEmpty()) {
      return null;
    }
    byte[] hash = ApiToken.sha256(presented);
    String found = null;
    for (ApiToken t : tokens) {
      if (t.matches(hash) && found == null) {
        found = t.name();
      }
    }
    return found;
  }

  /** The token of a request: {@code Authorization: Bearer <t>} first, then {@code ?token=}. */
  static String presentedToken(MultiMap headers, String query) {
    String header = headers == null ? null : headers.get("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return queryParam(query, "token");
  }

  static String presentedToken(HttpServerRequest request) {
    return presentedToken(request.headers(), request.query());
  }

  /** The token carried in a bridge frame's headers: {@code token} or {@code authorization}. */
  static String frameToken(JsonObject frame) {
    if (frame == null || !(frame.getValue("headers") instanceof JsonObject headers)) {
      return null;
    }
    if (headers.getValue("token") instanceof String t) {
      return t;
    }
    for (String name : headers.fieldNames()) {
      if ("authorization".equalsIgnoreCase(name) && headers.getValue(name) instanceof String a) {
        return a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).trim() : a.trim();
      }
    }
    return null;
  }

  /**
   * Sets the audit header {@code cloudbus-sender} of a bridge frame to {@code sender} (a token
   * name), removing whatever the client put there: the sender of a command is never the client's
   * say.
   */
  static void markSender(JsonObject frame, String sender) {
    JsonObject headers = frame.getValue("headers") instanceof JsonObject h ? h : new JsonObject();
    headers.fieldNames().removeIf(n -> "cloudbus-sender".equalsIgnoreCase(n));
    if (sender != null) {
      headers.put("cloudbus-sender", sender);
    }
    frame.put("headers", headers);
  }

  /** Removes the credentials from a bridge frame so that they never reach the event bus. */
  static void stripFrameToken(JsonObject frame) {
    if (frame != null && frame.getValue("headers") instanceof JsonObject headers) {
      headers.remove("token");
      headers.fieldNames().removeIf(n -> "authorization".equalsIgnoreCase(n));
    }
  }

  private static String queryParam(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        String raw = eq < 0 ? "" : pair.substring(eq + 1);
        return java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /**
   * A route handler: stores the caller's roles in the context, or ends the request with 401 and a
   * JSON body.
   */
  void handle(RoutingContext rc) {
    String presented = presentedToken(rc.request());
    Set<Role> roles = rolesOf(presented);
    if (roles == null) {
      rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"cloudbus\"");
      HttpErrors.end(rc, 401, "unauthorized", "a valid token is required (Authorization: Bearer)");
      return;
    }
    rc.put(ROLES_KEY, roles);
    String name = nameOf(presented);
    if (name != null) {
      rc.put(ControlRoutes.TOKEN_NAME_KEY, name);
    }
    rc.next();
  }

  /** A route handler that ends with 403 unless the caller has {@code role}. */
  static io.vertx.core.Handler<RoutingContext> require(Role role) {
    return rc -> {
      Set<Role> roles = rc.get(ROLES_KEY);
      if (roles == null || !roles.contains(role)) {
        HttpErrors.end(rc, 403, "forbidden", "the token lacks the " + role.wireName() + " role");
        return;
      }
      rc.next();
    };
  }
}
