package io.cloudbus.mock;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * A tiny test-only vendor exercising every piece of the machinery: password/refresh token endpoint,
 * a bearer-protected REST call, a regex route, a push socket with hello / join / ack, and an admin
 * route that pushes to the sockets joined to a user.
 */
public final class EchoEmulation implements VendorEmulation {
  public static final String NAME = "echo";

  private MockCloudContext ctx;
  private int resets;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void install(MockCloudContext ctx) {
    this.ctx = ctx;
    ctx.rest("POST", "/oauth/token", this::token);
    ctx.rest("GET", "/api/me", this::me);
    ctx.restMatching(
        "GET",
        "/api/items/[0-9]+",
        r -> MockResponse.ok(new JsonObject().put("path", r.path()).put("q", r.query("q"))));
    ctx.webSocket(
        "/ws",
        upgrade -> {
          String token = upgrade.query("token");
          return token == null || ctx.tokens().validateAccess(token).isPresent() ? 0 : 401;
        },
        this::onSocket);
    ctx.adminRoute(HttpMethod.POST, "events", this::pushEvents);
  }

  private MockResponse token(MockRequest request) {
    var form = request.form();
    String grant = form.get("grant_type");
    if ("password".equals(grant)) {
      if (!"secret".equals(form.get("password"))) {
        return MockResponse.json(400, new JsonObject().put("error", "invalid_grant"));
      }
      return MockResponse.ok(ctx.tokens().login(form.get("username")).toOAuthJson());
    }
    if ("refresh_token".equals(grant)) {
      return ctx.tokens()
          .refresh(form.get("refresh_token"))
          .map(t -> MockResponse.ok(t.toOAuthJson()))
          .orElse(MockResponse.json(400, new JsonObject().put("error", "invalid_grant")));
    }
    return MockResponse.json(400, new JsonObject().put("error", "unsupported_grant_type"));
  }

  private MockResponse me(MockRequest request) {
    Optional<String> user = ctx.tokens().validateAccess(request.bearerToken());
    return user.map(u -> MockResponse.ok(new JsonObject().put("user", u)))
        .orElse(MockResponse.json(401, new JsonObject().put("error", "unauthorized")));
  }

  private void onSocket(MockSocket socket) {
    socket.send(new JsonObject().put("type", "hello"));
    socket.textHandler(
        text -> {
          JsonObject frame;
          try {
            frame = new JsonObject(text);
          } catch (DecodeException e) {
            socket.send(new JsonObject().put("type", "error"));
            return;
          }
          switch (frame.getString("action", "")) {
            case "join" -> {
              if (Boolean.TRUE.equals(ctx.faults().extra("dropJoins"))) {
                return;
              }
              socket.attribute("user", frame.getString("user"));
              socket.send(new JsonObject().put("type", "joined"));
              socket.handshakeDone();
            }
            case "ping" -> socket.send(new JsonObject().put("type", "pong"));
            default -> socket.send(new JsonObject().put("type", "error"));
          }
        });
  }

  private JsonObject pushEvents(AdminRequest request) {
    int pushed = 0;
    int sockets = 0;
    for (JsonObject event : request.jsonObjects()) {
      String user = event.getString("user");
      int n =
          ctx.sockets()
              .push(
                  new JsonObject().put("type", "event").put("data", event),
                  s -> user == null || user.equals(s.attribute("user")));
      pushed++;
      sockets = Math.max(sockets, n);
    }
    return new JsonObject().put("pushed", pushed).put("sockets", sockets);
  }

  @Override
  public JsonObject endpoints() {
    return new JsonObject()
        .put("tokenUrl", ctx.restBaseUrl() + "/oauth/token")
        .put("apiBaseUrl", ctx.restBaseUrl() + "/api")
        .put("socketUrl", ctx.wsBaseUrl() + "/ws");
  }

  @Override
  public void reset() {
    resets++;
  }

  public int resets() {
    return resets;
  }

  @Override
  public Set<String> extraFaultNames() {
    return Set.of("dropJoins");
  }

  @Override
  public java.util.List<String> adminAliases() {
    return java.util.List.of("group/echo");
  }
}
