package io.cloudbus.mock.bticino;

import io.cloudbus.mock.IssuedTokens;
import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.MockRequest;
import io.cloudbus.mock.MockResponse;
import io.cloudbus.mock.VendorEmulation;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The BTicino Classe 100X/300X cloud (Netatmo {@code app.netatmo.net} and {@code
 * app-ws.netatmo.net}) as docs/protocols/bticino.md describes it:
 *
 * <ul>
 *   <li>{@code POST /oauth2/token}, form-encoded: {@code password} and {@code refresh_token} grants
 *       for the seeded account ({@link BticinoHomeSeed}); 400 {@code {"error":"invalid_grant"}} for
 *       bad credentials or a revoked refresh token; optional refresh rotation.
 *   <li>{@code POST /api/homesdata} and {@code POST /api/getevents} (also the app's URL-encoded
 *       {@code /%2Fapi%2Fgetevents}), JSON with a Bearer token; 401 without a token, 403 code 3 for
 *       an invalid or expired one; newest events first.
 *   <li>The push socket {@code /ws/} ({@link BticinoPushSocket}).
 *   <li>The {@code rateLimited} fault answers every REST call with 429 {@code
 *       {"error":{"code":28,...}}}; the extra fault {@code tokenServerError} makes the token
 *       endpoint answer 500 {@code {"error":{"code":11,...}}}.
 *   <li>Admin: {@code POST /admin/bticino/pushes}, {@code PUT /admin/bticino/settings} ({@link
 *       BticinoMockSettings}), {@code GET /admin/bticino/settings}.
 * </ul>
 *
 * <p>Threading: as every {@link VendorEmulation}, on the mock cloud's context only.
 */
public final class BticinoEmulation implements VendorEmulation {

  public static final String NAME = "bticino";

  /**
   * The stat counting {@code getevents} requests (counted before the history is read, on the mock's
   * context): once it moved, later admin pushes cannot be in that response.
   */
  public static final String EVENT_QUERIES = "eventQueries";

  private MockCloudContext ctx;
  private BticinoMockSettings settings = new BticinoMockSettings();
  private final BticinoHistory history = new BticinoHistory();
  private BticinoPushSocket socket;
  private final BticinoControlRoutes control = new BticinoControlRoutes();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public java.util.Set<String> extraFaultNames() {
    return java.util.Set.of("tokenServerError", "partialError");
  }

  @Override
  public void install(MockCloudContext ctx) {
    this.ctx = ctx;
    applyTokenSettings();
    socket = new BticinoPushSocket(ctx, this::settings, history);
    ctx.rest("POST", "/oauth2/token", this::token);
    ctx.rest("POST", "/api/homesdata", r -> authorized(r, this::homesData));
    ctx.rest("POST", "/api/getevents", r -> authorized(r, this::getEvents));
    ctx.restMatching(
        "POST", "/(?:%2[Ff]|/)api(?:%2[Ff]|/)getevents", r -> authorized(r, this::getEvents));
    ctx.webSocket("/ws/", socket::accept);
    control.install(ctx);
    ctx.adminRoute(HttpMethod.POST, "pushes", req -> socket.adminPush(req.jsonObjects()));
    ctx.adminRoute(
        HttpMethod.PUT,
        "settings",
        req -> {
          if (!(req.json() instanceof JsonObject json)) {
            throw new IllegalArgumentException("settings must be a JSON object");
          }
          settings.merge(json);
          applyTokenSettings();
          return settings.toJson();
        });
    ctx.adminRoute(HttpMethod.GET, "settings", req -> settings.toJson());
  }

  @Override
  public JsonObject endpoints() {
    return new JsonObject()
        .put("tokenUrl", ctx.restBaseUrl() + "/oauth2/token")
        .put("apiBaseUrl", ctx.restBaseUrl())
        .put("socketUrl", ctx.wsBaseUrl() + "/ws/")
        .put(
            "demo",
            new JsonObject()
                .put("username", BticinoHomeSeed.USERNAME)
                .put("password", BticinoHomeSeed.PASSWORD)
                .put("clientId", BticinoHomeSeed.CLIENT_ID)
                .put("clientSecret", BticinoHomeSeed.CLIENT_SECRET)
                .put("homeId", BticinoHomeSeed.HOME_ID));
  }

  @Override
  public void reset() {
    settings = new BticinoMockSettings();
    applyTokenSettings();
    history.clear();
    socket.reset();
    control.reset();
  }

  @Override
  public MockResponse rateLimitedResponse(MockRequest request) {
    return netatmoError(429, 28, "Rate limit exceeded. Please slow down your request rate.");
  }

  /** The current settings (live object: tests may change fields directly on the mock context). */
  public BticinoMockSettings settings() {
    return settings;
  }

  /** Applies the token lifetime and rotation settings to the token authority. */
  public void applyTokenSettings() {
    ctx.tokens().accessTokenLifetimeSeconds(settings.tokenLifetimeSeconds);
    ctx.tokens().rotateRefreshTokens(settings.rotateRefreshTokens);
  }

  // ---------------------------------------------------------------- OAuth

  private MockResponse token(MockRequest request) {
    if (Boolean.TRUE.equals(ctx.faults().extra("tokenServerError"))) {
      return netatmoError(
          500, 11, "Offset and length were out of bounds for the array or count is greater");
    }
    MultiMap form = request.form();
    String grant = form.get("grant_type");
    if (grant == null) {
      return oauthError("invalid_request");
    }
    if (!BticinoControlRoutes.acceptsClient(form.get("client_id"), form.get("client_secret"))) {
      return oauthError("invalid_client");
    }
    switch (grant) {
      case "password" -> {
        if (form.get("username") == null || form.get("password") == null) {
          return oauthError("invalid_request");
        }
        if (!BticinoHomeSeed.USERNAME.equalsIgnoreCase(form.get("username"))
            || !BticinoHomeSeed.PASSWORD.equals(form.get("password"))) {
          return oauthError("invalid_grant");
        }
        return tokenResponse(ctx.tokens().login(BticinoHomeSeed.USERNAME));
      }
      case "refresh_token" -> {
        Optional<IssuedTokens> fresh = ctx.tokens().refresh(form.get("refresh_token"));
        return fresh.map(this::tokenResponse).orElseGet(() -> oauthError("invalid_grant"));
      }
      default -> {
        return oauthError("unsupported_grant_type");
      }
    }
  }

  private MockResponse tokenResponse(IssuedTokens tokens) {
    return MockResponse.ok(
        tokens
            .toOAuthJson()
            .put("expire_in", tokens.expiresInSeconds())
            .put("scope", new JsonArray().add("security_scopes")));
  }

  private static MockResponse oauthError(String error) {
    return netatmo(MockResponse.json(400, new JsonObject().put("error", error)));
  }

  static MockResponse netatmoError(int status, int code, String message) {
    return netatmo(
        MockResponse.json(
            status,
            new JsonObject()
                .put("error", new JsonObject().put("code", code).put("message", message))));
  }

  private static MockResponse netatmo(MockResponse response) {
    return response
        .withHeader("Server", "nginx")
        .withHeader("X-Powered-By", "Netatmo")
        .withHeader("Content-Type", "application/json; charset=utf-8");
  }

  // ---------------------------------------------------------------- REST

  private interface Api {
    MockResponse handle(MockRequest request, JsonObject body);
  }

  private MockResponse authorized(MockRequest request, Api api) {
    String bearer = request.bearerToken();
    if (bearer == null) {
      return netatmoError(401, 2, "Invalid access token");
    }
    if (ctx.tokens().validateAccess(bearer).isEmpty()) {
      return netatmoError(403, 3, "Access token expired");
    }
    JsonObject body;
    try {
      body = request.body().isEmpty() ? new JsonObject() : request.jsonBody();
    } catch (IllegalArgumentException e) {
      return netatmoError(400, 21, "Invalid parameter: body is not a JSON object");
    }
    return api.handle(request, body);
  }

  private MockResponse homesData(MockRequest request, JsonObject body) {
    return ok(
        new JsonObject()
            .put("homes", new JsonArray().add(BticinoHomeSeed.home()))
            .put("user", new JsonObject().put("email", BticinoHomeSeed.USERNAME)));
  }

  private MockResponse getEvents(MockRequest request, JsonObject body) {
    ctx.stats().increment(EVENT_QUERIES);
    Object home = body.getValue("home_id");
    if (!(home instanceof String homeId) || !BticinoHomeSeed.HOME_ID.equals(homeId)) {
      return netatmoError(400, 21, "Invalid parameter: home_id");
    }
    Object size = body.getValue("size");
    int n = size instanceof Number s ? Math.max(1, Math.min(100, s.intValue())) : 30;
    return ok(
        new JsonObject()
            .put(
                "home",
                new JsonObject().put("id", homeId).put("events", history.newestFirst(homeId, n))));
  }

  private static MockResponse ok(JsonObject body) {
    long now = System.currentTimeMillis() / 1000;
    return netatmo(
        MockResponse.ok(
            new JsonObject()
                .put("body", body)
                .put("status", "ok")
                .put("time_exec", 0.012)
                .put("time_server", now)));
  }
}
