package io.cloudbus.mock.impl;

import io.cloudbus.mock.AdminHandler;
import io.cloudbus.mock.DisconnectMode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API of DESIGN.md under {@code /admin}: generic routes owned by the machinery plus the
 * vendor routes emulations add. Every answer is JSON; bad input is a 400 {@code {"error":...}}, an
 * unknown vendor or route a 404.
 */
final class AdminApi {
  /** Largest admin request body: generous for event batches, small enough to stay harmless. */
  static final long MAX_BODY_BYTES = 1_048_576;

  private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
  private static final Set<String> GENERIC =
      Set.of("disconnect", "faults", "expire-access-tokens", "revoke-refresh-tokens");
  private static final Set<String> DISCONNECT_FIELDS = Set.of("mode", "code");

  private final MockCloudVerticle cloud;
  private final Router router;

  AdminApi(MockCloudVerticle cloud, Router router) {
    this.cloud = cloud;
    this.router = router;
    router.route("/admin/*").handler(new AdminBodyReader(MAX_BODY_BYTES));
    router.route("/admin/*").failureHandler(AdminApi::failure);
    router.get("/admin").handler(rc -> ok(rc, cloud.describe()));
    router.get("/admin/stats").handler(rc -> ok(rc, cloud.stats()));
    router.post("/admin/reset").handler(rc -> ok(rc, cloud.resetAll()));
    router.post("/admin/:vendor/disconnect").handler(rc -> vendor(rc, this::disconnect));
    router
        .post("/admin/:vendor/expire-access-tokens")
        .handler(
            rc ->
                vendor(
                    rc,
                    v -> {
                      v.tokens().expireAccessTokens();
                      return new JsonObject().put("vendor", v.vendor()).put("expired", true);
                    }));
    router
        .post("/admin/:vendor/revoke-refresh-tokens")
        .handler(
            rc ->
                vendor(
                    rc,
                    v -> {
                      v.tokens().revokeRefreshTokens();
                      return new JsonObject().put("vendor", v.vendor()).put("revoked", true);
                    }));
    router
        .put("/admin/:vendor/faults")
        .handler(
            rc ->
                vendor(
                    rc,
                    v -> {
                      JsonObject body = AdminRequestImpl.optionalObject(bodyOf(rc));
                      return v.updateFaults(body).toJson();
                    }));
    router.get("/admin/:vendor/faults").handler(rc -> vendor(rc, v -> v.faults().toJson()));
    router
        .delete("/admin/:vendor/faults")
        .handler(
            rc ->
                vendor(
                    rc,
                    v -> {
                      v.clearFaults();
                      return v.faults().toJson();
                    }));
    // Vendor routes are added after this one, so it must sort last explicitly.
    router.route("/admin/*").order(Integer.MAX_VALUE).handler(this::notFound);
  }

  /** Mounts an emulation's route at {@code /admin/{vendor}/{subpath}} and at each alias. */
  void vendorRoute(
      VendorContextImpl vendor, HttpMethod method, String subpath, AdminHandler handler) {
    if (subpath == null || subpath.isBlank() || subpath.startsWith("/")) {
      throw new IllegalArgumentException("admin subpath must be relative: " + subpath);
    }
    if (GENERIC.contains(subpath)) {
      throw new IllegalArgumentException("admin subpath is reserved: " + subpath);
    }
    mount(vendor, method, "/admin/" + vendor.vendor() + "/" + subpath, handler);
    for (String alias : vendor.emulation().adminAliases()) {
      mount(vendor, method, "/admin/" + alias + "/" + subpath, handler);
    }
  }

  private void mount(
      VendorContextImpl vendor, HttpMethod method, String path, AdminHandler handler) {
    router
        .route(method, path)
        .handler(
            rc ->
                respond(
                    rc,
                    () -> {
                      JsonObject result = handler.handle(new AdminRequestImpl(rc));
                      if (result == null) {
                        throw new IllegalStateException("admin handler returned null");
                      }
                      return result;
                    }));
  }

  private JsonObject disconnect(VendorContextImpl vendor, RoutingContext rc) {
    JsonObject body = AdminRequestImpl.optionalObject(bodyOf(rc));
    for (String field : body.fieldNames()) {
      if (!DISCONNECT_FIELDS.contains(field)) {
        throw new IllegalArgumentException("unknown field: " + field);
      }
    }
    Object modeValue = body.getValue("mode", "close");
    if (!(modeValue instanceof String mode)) {
      throw new IllegalArgumentException("mode must be \"close\" or \"abort\"");
    }
    DisconnectMode parsed = DisconnectMode.parse(mode);
    Object codeValue = body.getValue("code", 1000);
    if (!(codeValue instanceof Integer code) || code < 1000 || code > 4999) {
      throw new IllegalArgumentException("code must be an integer 1000..4999");
    }
    int dropped = vendor.socketRegistry().disconnect(parsed, code);
    return new JsonObject()
        .put("vendor", vendor.vendor())
        .put("mode", parsed.name().toLowerCase())
        .put("disconnected", dropped);
  }

  private void vendor(RoutingContext rc, Function<VendorContextImpl, JsonObject> action) {
    vendor(rc, (v, ignored) -> action.apply(v));
  }

  private void vendor(
      RoutingContext rc,
      java.util.function.BiFunction<VendorContextImpl, RoutingContext, JsonObject> action) {
    String name = rc.pathParam("vendor");
    VendorContextImpl vendor = cloud.vendorContext(name);
    if (vendor == null) {
      error(rc, 404, "unknown vendor: " + name);
      return;
    }
    respond(rc, () -> action.apply(vendor, rc));
  }

  private void notFound(RoutingContext rc) {
    String[] parts = rc.request().path().split("/");
    if (parts.length > 2 && cloud.vendorContext(parts[2]) == null && !isAliasRoot(parts[2])) {
      error(rc, 404, "unknown vendor: " + parts[2]);
    } else {
      error(rc, 404, "no admin route " + rc.request().method() + " " + rc.request().path());
    }
  }

  private boolean isAliasRoot(String segment) {
    return cloud.aliasRoots().contains(segment);
  }

  private static String bodyOf(RoutingContext rc) {
    return AdminBodyReader.bodyOf(rc);
  }

  private static void respond(RoutingContext rc, java.util.function.Supplier<JsonObject> action) {
    JsonObject result;
    try {
      result = action.get();
    } catch (IllegalArgumentException e) {
      error(rc, 400, e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.warn("admin {} {} failed", rc.request().method(), rc.request().path(), e);
      error(rc, 500, "internal mock error");
      return;
    }
    ok(rc, result);
  }

  private static void ok(RoutingContext rc, JsonObject body) {
    rc.response()
        .putHeader("Content-Type", "application/json")
        .setStatusCode(200)
        .end(body.encode());
  }

  /** Failures raised by Vert.x Web itself (e.g. 413 from the body limit) still answer JSON. */
  private static void failure(RoutingContext rc) {
    int status = rc.statusCode() >= 400 ? rc.statusCode() : 500;
    if (status == 500) {
      LOG.warn("admin {} {} failed", rc.request().method(), rc.request().path(), rc.failure());
    }
    if (!rc.response().ended()) {
      error(
          rc,
          status,
          status == 413
              ? AdminBodyReader.limitMessage(MAX_BODY_BYTES)
              : "request failed: "
                  + (rc.failure() == null ? "HTTP " + status : rc.failure().getMessage()));
    }
  }

  static void error(RoutingContext rc, int status, String message) {
    rc.response()
        .putHeader("Content-Type", "application/json")
        .setStatusCode(status)
        .end(new JsonObject().put("error", message).encode());
  }
}
