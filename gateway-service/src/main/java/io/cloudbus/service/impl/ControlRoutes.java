package io.cloudbus.service.impl;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The REST face of commands and device state:
 *
 * <ul>
 *   <li>{@code POST /api/accounts/{vendor}/{account}/commands} with {@code {"action":..., ...}}
 *       (role {@code command}): the command goes to {@code cloudbus.command.<vendor>.<account>}
 *       with the token's name as header {@code cloudbus-sender} (the audit event names it), under
 *       the same rate limits as the bridges. The answer is the adapter's reply, {@code
 *       {"ok":true,"result":{...}}} (200) or {@code {"ok":false,"error":{"code","message"}}} with
 *       the HTTP status of its code ({@link #STATUS}).
 *   <li>{@code GET /api/devices?vendor=&account=&type=}: every known account's devices ({@code
 *       {"devices":[...]}}), asked of each account's socket ({@code {"action":"devices"}}); an
 *       account whose socket does not answer is left out. {@code GET /api/devices/{id}}: one (404
 *       {@code unknown_device}).
 * </ul>
 */
final class ControlRoutes {

  /** The caller's token name in the routing context (set by {@link TokenAuth}), may be absent. */
  static final String TOKEN_NAME_KEY = "cloudbus.tokenName";

  /** HTTP status per error code; any other code (a vendor's failure) is 502. */
  static final Map<String, Integer> STATUS =
      Map.of(
          "bad_request", 400,
          "forbidden_action", 403,
          "unknown_device", 404,
          "unknown_account", 404,
          "not_connected", 503,
          "unavailable", 503,
          "timeout", 504,
          "rate_limited", 429,
          "auth_failed", 502);

  /** Longer than any adapter's own command timeout (20 s), so the adapter names the timeout. */
  static final long BUS_TIMEOUT_MS = 30_000;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final Vertx vertx;
  private final ServiceOptions options;
  private final GatewayMetrics metrics;
  private final Supplier<List<JsonObject>> accounts;

  ControlRoutes(
      Vertx vertx,
      ServiceOptions options,
      GatewayMetrics metrics,
      Supplier<List<JsonObject>> accounts) {
    this.vertx = vertx;
    this.options = options;
    this.metrics = metrics;
    this.accounts = accounts;
  }

  void command(RoutingContext rc) {
    String vendor = rc.pathParam("vendor");
    String account = rc.pathParam("account");
    if (!NAME.matcher(vendor).matches() || !NAME.matcher(account).matches()) {
      HttpErrors.end(rc, 400, "bad_request", "vendor and account: lower-case names");
      return;
    }
    JsonObject command;
    try {
      command = rc.body() == null ? null : rc.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      command = null;
    }
    if (command == null || !(command.getValue("action") instanceof String)) {
      HttpErrors.end(rc, 400, "bad_request", "body: a JSON object with a string \"action\"");
      return;
    }
    String address = CloudbusAddresses.command(vendor, account);
    String sender = rc.get(TOKEN_NAME_KEY);
    // per token where it has a name, else per remote host
    String client =
        "rest:" + (sender != null ? sender : String.valueOf(rc.request().remoteAddress().host()));
    if (!CommandLimiter.of(vertx, options.limits()).admit(client, address, metrics, "rest")) {
      HttpErrors.end(rc, 429, "rate_limited", "too many commands; slow down");
      return;
    }
    DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(BUS_TIMEOUT_MS);
    if (sender != null) {
      delivery.addHeader("cloudbus-sender", sender);
    }
    String allowed = TokenAuth.allowedActions(rc.get(TokenAuth.TOKEN_KEY));
    if (allowed != null) {
      delivery.addHeader(TokenAuth.ALLOWED_ACTIONS_HEADER, allowed);
    }
    vertx
        .eventBus()
        .<Object>request(address, command, delivery)
        .onComplete(
            ar -> {
              JsonObject reply;
              if (ar.succeeded() && ar.result().body() instanceof JsonObject body) {
                reply = body;
              } else if (ar.failed()
                  && ar.cause() instanceof ReplyException re
                  && re.failureType() == ReplyFailure.NO_HANDLERS) {
                reply = error("unknown_account", "no account " + vendor + "/" + account + " here");
              } else if (ar.failed()
                  && ar.cause() instanceof ReplyException re
                  && re.failureType() == ReplyFailure.TIMEOUT) {
                reply = error("timeout", "no answer within " + BUS_TIMEOUT_MS + " ms");
              } else {
                reply =
                    error(
                        "internal_error",
                        ar.failed() ? String.valueOf(ar.cause().getMessage()) : "not JSON");
              }
              int status =
                  Boolean.TRUE.equals(reply.getValue("ok"))
                      ? 200
                      : STATUS.getOrDefault(
                          code(reply), "internal_error".equals(code(reply)) ? 500 : 502);
              rc.response()
                  .setStatusCode(status)
                  .putHeader("Content-Type", "application/json")
                  .end(reply.encode());
            });
  }

  private static String code(JsonObject reply) {
    return reply.getValue("error") instanceof JsonObject e ? e.getString("code") : null;
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject()
        .put("ok", false)
        .put("error", new JsonObject().put("code", code).put("message", message));
  }

  void devices(RoutingContext rc) {
    String vendor = rc.request().getParam("vendor");
    String account = rc.request().getParam("account");
    String type = rc.request().getParam("type");
    collect(vendor, account)
        .onSuccess(
            all -> {
              JsonArray out = new JsonArray();
              for (JsonObject d : all) {
                if (type == null || type.equals(d.getString("type"))) {
                  out.add(d);
                }
              }
              rc.response()
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Cache-Control", "no-store")
                  .end(new JsonObject().put("devices", out).encode());
            });
  }

  void device(RoutingContext rc) {
    String id = rc.pathParam("id");
    String[] parts = id.split(":", 3);
    if (parts.length < 3) {
      HttpErrors.end(rc, 404, "unknown_device", "no device " + id);
      return;
    }
    collect(parts[0], parts[1])
        .onSuccess(
            all -> {
              for (JsonObject d : all) {
                if (id.equals(d.getString("id"))) {
                  rc.response()
                      .putHeader("Content-Type", "application/json")
                      .putHeader("Cache-Control", "no-store")
                      .end(d.encode());
                  return;
                }
              }
              HttpErrors.end(rc, 404, "unknown_device", "no device " + id);
            });
  }

  /** The devices of every known account matching the filters; never fails. */
  private Future<List<JsonObject>> collect(String vendor, String account) {
    List<Future<JsonArray>> asks = new ArrayList<>();
    for (JsonObject a : accounts.get()) {
      String v = a.getString("vendor");
      String acc = a.getString("account");
      if ((vendor != null && !vendor.equals(v)) || (account != null && !account.equals(acc))) {
        continue;
      }
      asks.add(
          vertx
              .eventBus()
              .<Object>request(
                  CloudbusAddresses.command(v, acc),
                  new JsonObject().put("action", "devices"),
                  new DeliveryOptions().setSendTimeout(5_000))
              .map(
                  m ->
                      m.body() instanceof JsonObject b
                              && b.getValue("result") instanceof JsonObject r
                              && r.getValue("devices") instanceof JsonArray d
                          ? d
                          : new JsonArray())
              .otherwise(new JsonArray()));
    }
    return Future.join(asks)
        .transform(
            ar -> {
              List<JsonObject> out = new ArrayList<>();
              for (Future<JsonArray> f : asks) {
                if (f.succeeded()) {
                  f.result().forEach(o -> out.add((JsonObject) o));
                }
              }
              return Future.succeededFuture(out);
            });
  }
}
