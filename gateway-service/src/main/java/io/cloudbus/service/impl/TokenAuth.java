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
 * caller can prove it was given that right (see docs/security.md). With {@code openReads} (the
 * demo's mode, {@link io.cloudbus.service.ServiceOptions#openReads()}) a caller presenting no token
 * has the {@code read} role too, while a presented token must still match.
 */
final class TokenAuth {

  /** The routing-context key of the caller's {@code Set<Role>}. */
  static final String ROLES_KEY = "cloudbus.roles";

  /** The roles of every caller when no token is configured. */
  static final Set<Role> UNAUTHENTICATED = Set.of(Role.READ);

  /** The routing-context key of the caller's {@link ApiToken} (absent without one). */
  static final String TOKEN_KEY = "cloudbus.token";

  /** Bus header: the actions the sender may send (see CommandDispatcher), absent = all. */
  static final String ALLOWED_ACTIONS_HEADER = "cloudbus-allowed-actions";

  private final List<ApiToken> tokens;
  private final boolean openReads;

  TokenAuth(List<ApiToken> tokens) {
    this(tokens, false);
  }

  TokenAuth(List<ApiToken> tokens, boolean openReads) {
    this.tokens = List.copyOf(tokens);
    this.openReads = openReads && !this.tokens.isEmpty();
  }

  /** Whether a caller must present a token to read (tokens configured and reads not open). */
  boolean enabled() {
    return !tokens.isEmpty() && !openReads;
  }

  /**
   * The roles of {@code presented}, or null when it matches no token (or is null). With no token
   * configured: {@link #UNAUTHENTICATED}, whatever is presented.
   */
  Set<Role> rolesOf(String presented) {
    if (tokens.isEmpty()) {
      return UNAUTHENTICATED;
    }
    if (presented == null || presented.isEmpty()) {
      return openReads ? UNAUTHENTICATED : null;
    }
    ApiToken found = tokenOf(presented);
    return found == null ? null : found.roles();
  }

  /** The configured name of {@code presented}'s token, or null (no match, no name, no tokens). */
  String nameOf(String presented) {
    ApiToken found = tokenOf(presented);
    return found == null ? null : found.name();
  }

  /**
   * The configured token {@code presented} matches, or null; every hash is compared (no early
   * exit).
   */
  ApiToken tokenOf(String presented) {
    if (tokens.isEmpty() || presented == null || presented.isEmpty()) {
      return null;
    }
    byte[] hash = ApiToken.sha256(presented);
    ApiToken found = null;
    for (ApiToken t : tokens) {
      if (t.matches(hash) && found == null) {
        found = t;
      }
    }
    return found;
  }

  /** The {@value #ALLOWED_ACTIONS_HEADER} value for {@code token}, or null (every action). */
  static String allowedActions(ApiToken token) {
    return token == null || token.commands() == null ? null : String.join(",", token.commands());
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
   * Sets the audit header {@code cloudbus-sender} of a bridge frame to {@code token}'s name and
   * {@value #ALLOWED_ACTIONS_HEADER} to its {@code commands}, removing whatever the client put
   * there: neither the sender of a command nor what it may send is the client's say.
   */
  static void markSender(JsonObject frame, ApiToken token) {
    JsonObject headers = frame.getValue("headers") instanceof JsonObject h ? h : new JsonObject();
    headers
        .fieldNames()
        .removeIf(
            n ->
                "cloudbus-sender".equalsIgnoreCase(n)
                    || ALLOWED_ACTIONS_HEADER.equalsIgnoreCase(n));
    if (token != null && token.name() != null) {
      headers.put("cloudbus-sender", token.name());
    }
    String allowed = allowedActions(token);
    if (allowed != null) {
      headers.put(ALLOWED_ACTIONS_HEADER, allowed);
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
    ApiToken token = tokenOf(presented);
    if (token != null) {
      rc.put(TOKEN_KEY, token);
      if (token.name() != null) {
        rc.put(ControlRoutes.TOKEN_NAME_KEY, token.name());
      }
    }
    rc.next();
  }

  /**
   * A route handler that ends with 403 unless the caller has {@code role}, saying why: no tokens
   * configured, no token sent, or the token lacks the role.
   */
  io.vertx.core.Handler<RoutingContext> require(Role role) {
    return rc -> {
      Set<Role> roles = rc.get(ROLES_KEY);
      if (roles == null || !roles.contains(role)) {
        String why;
        if (tokens.isEmpty()) {
          why =
              "this service has no tokens, so nobody has the "
                  + role.wireName()
                  + " role (service.tokens, docs/security.md)";
        } else if (rc.get(TOKEN_KEY) == null) {
          why = "no token was sent; the " + role.wireName() + " role needs one";
        } else {
          why = "the token lacks the " + role.wireName() + " role";
        }
        HttpErrors.end(rc, 403, "forbidden", why);
        return;
      }
      rc.next();
    };
  }
}
