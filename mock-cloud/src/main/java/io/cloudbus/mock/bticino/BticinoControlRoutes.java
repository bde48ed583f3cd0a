package io.cloudbus.mock.bticino;

import io.cloudbus.mock.AdminRequest;
import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.MockRequest;
import io.cloudbus.mock.MockResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /syncapi/v1/homestatus} and {@code POST /syncapi/v1/setstate} with the module state
 * kept in {@link BticinoModuleState} (docs/protocols bticino.md §3), and the client check of the
 * token endpoint.
 *
 * <p>{@code setstate} takes {@code {"home":{"id","timezone"?,"modules":[{"id","bridge"?,
 * "lock"|"on":...}]}}}. A module that is unreachable, unknown, or hit by the {@code partialError}
 * fault (a Netatmo error code, or {@code {"code","message"}}) is not changed and named in the
 * answer's {@code body.errors} with {@code status} still {@code "ok"}, the partial-error form of
 * the public API; a clean change answers {@code {"status":"ok","time_server":...}}. The real cloud
 * pushes nothing known on a lock change (no payload example exists), so neither does the mock.
 *
 * <p>Admin: {@code GET /admin/bticino/modules}, {@code PUT /admin/bticino/modules} ({@code
 * {"<module id>":{"reachable":false,...}}}). Used on the mock cloud's context only.
 */
final class BticinoControlRoutes {

  static final Set<String> FAULTS = Set.of("partialError");

  /**
   * The {@code GET /admin/stats} counter of {@code setstate} requests (each one, whatever its
   * answer).
   */
  public static final String SET_STATE_COMMANDS = "setStateCommands";

  /** The secret's form in the official app (the real value is not ours to ship). */
  private static final Pattern APP_SECRET = Pattern.compile("[0-9a-fA-F]{32}");

  private MockCloudContext ctx;
  private BticinoModuleState state = new BticinoModuleState();

  /**
   * Whether the token endpoint accepts this client: the mock's own pair, or the Android app's
   * {@code na_client_android_welcome} with any secret of the real form (32 hex characters), as
   * pybticino sends it unmodified.
   */
  static boolean acceptsClient(String clientId, String clientSecret) {
    if (!BticinoHomeSeed.CLIENT_ID.equals(clientId) || clientSecret == null) {
      return false;
    }
    return BticinoHomeSeed.CLIENT_SECRET.equals(clientSecret)
        || APP_SECRET.matcher(clientSecret).matches();
  }

  void install(MockCloudContext ctx) {
    this.ctx = ctx;
    ctx.rest("POST", "/syncapi/v1/homestatus", this::homeStatus);
    ctx.rest("POST", "/syncapi/v1/setstate", this::setState);
    ctx.adminRoute(HttpMethod.GET, "modules", r -> state.toJson());
    ctx.adminRoute(HttpMethod.PUT, "modules", this::adminSet);
  }

  void reset() {
    state = new BticinoModuleState();
  }

  private MockResponse homeStatus(MockRequest request) {
    JsonObject body = authorized(request);
    if (body == null) {
      return refusal(request);
    }
    if (!BticinoHomeSeed.HOME_ID.equals(body.getValue("home_id"))) {
      return BticinoEmulation.netatmoError(400, 21, "Invalid parameter: home_id");
    }
    return ok(state.homeStatusBody());
  }

  private MockResponse setState(MockRequest request) {
    ctx.stats().increment(SET_STATE_COMMANDS);
    JsonObject body = authorized(request);
    if (body == null) {
      return refusal(request);
    }
    JsonObject home = body.getValue("home") instanceof JsonObject h ? h : null;
    if (home == null || !BticinoHomeSeed.HOME_ID.equals(home.getValue("id"))) {
      return BticinoEmulation.netatmoError(400, 21, "Invalid parameter: home.id");
    }
    if (!(home.getValue("modules") instanceof JsonArray modules) || modules.isEmpty()) {
      return BticinoEmulation.netatmoError(400, 21, "Invalid parameter: home.modules");
    }
    JsonArray errors = new JsonArray();
    for (Object o : modules) {
      JsonObject change = o instanceof JsonObject c ? c : new JsonObject();
      JsonObject error = apply(change);
      if (error != null) {
        errors.add(error.put("id", String.valueOf(change.getValue("id"))));
      }
    }
    if (errors.isEmpty()) {
      return envelope(null);
    }
    return envelope(
        new JsonObject()
            .put("home", new JsonObject().put("id", BticinoHomeSeed.HOME_ID))
            .put("errors", errors));
  }

  /** Applies one module change; the partial error for it, or null. */
  private JsonObject apply(JsonObject change) {
    JsonObject module = state.module(String.valueOf(change.getValue("id")));
    if (module == null) {
      return error(21, "Invalid parameter: module id");
    }
    Object fault = ctx.faults().extra("partialError");
    if (fault instanceof Number code) {
      return error(code.intValue(), "Error " + code.intValue());
    }
    if (fault instanceof JsonObject f) {
      return error(f.getInteger("code", 6), f.getString("message", "Device is unreachable"));
    }
    if (!module.getBoolean("reachable", true)) {
      return error(6, "Device is unreachable");
    }
    if (change.getValue("lock") instanceof Boolean lock && module.containsKey("lock")) {
      module.put("lock", lock);
      return null;
    }
    if (change.getValue("on") instanceof Boolean on && module.containsKey("on")) {
      module.put("on", on).put("status", on ? "on" : "off");
      return null;
    }
    return error(21, "Invalid parameter: no settable state for this module");
  }

  private static JsonObject error(int code, String message) {
    return new JsonObject().put("code", code).put("message", message);
  }

  private JsonObject adminSet(AdminRequest request) {
    if (!(request.json() instanceof JsonObject change)) {
      throw new IllegalArgumentException("body: a JSON object of module id -> fields");
    }
    state.merge(change);
    return state.toJson();
  }

  /** The JSON body of an authorized call, or null (see {@link #refusal}). */
  private JsonObject authorized(MockRequest request) {
    String bearer = request.bearerToken();
    if (bearer == null || ctx.tokens().validateAccess(bearer).isEmpty()) {
      return null;
    }
    try {
      return request.body().isEmpty() ? new JsonObject() : request.jsonBody();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private MockResponse refusal(MockRequest request) {
    String bearer = request.bearerToken();
    if (bearer == null) {
      return BticinoEmulation.netatmoError(401, 2, "Invalid access token");
    }
    if (ctx.tokens().validateAccess(bearer).isEmpty()) {
      return BticinoEmulation.netatmoError(403, 3, "Access token expired");
    }
    return BticinoEmulation.netatmoError(400, 21, "Invalid parameter: body is not a JSON object");
  }

  private static MockResponse ok(JsonObject body) {
    return envelope(body);
  }

  private static MockResponse envelope(JsonObject body) {
    JsonObject json =
        new JsonObject()
            .put("status", "ok")
            .put("time_exec", 0.015)
            .put("time_server", System.currentTimeMillis() / 1000);
    if (body != null) {
      json.put("body", body);
    }
    return MockResponse.ok(json)
        .withHeader("Server", "nginx")
        .withHeader("X-Powered-By", "Netatmo")
        .withHeader("Content-Type", "application/json; charset=utf-8");
  }
}
