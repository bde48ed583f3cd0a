package io.cloudbus.simplisafe;

import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.CommandException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.http.RestClient;
import io.cloudbus.core.http.RestStatusException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.function.Supplier;

/**
 * The SimpliSafe state and control calls (docs/protocols simplisafe.md 1.6-1.7): subscriptions with
 * their live {@code location.system}, V3 sensors, and the commands: {@code POST
 * ss3/subscriptions/{sid}/state/{off|home|away}} (V2: {@code subscriptions/{sid}/state?state=}) and
 * {@code POST doorlock/{sid}/{serial}/state}.
 *
 * <p>Failures of a command are named ({@link CommandException#code()}): {@code
 * base_station_syncing} (409, after the retries), {@code no_remote_management}, {@code pin_error},
 * {@code rate_limited} (403: SimpliSafe throttles with it), {@code auth_failed}, {@code timeout},
 * {@code vendor_error}. A 409 is retried as simplipy does ({@value #MAX_ATTEMPTS} attempts in all,
 * waiting 1 s then 2 s): the base station refused the request while syncing, so it did not act on
 * it. Nothing else is retried (a timeout may have armed or unlocked already); a 401 is retried once
 * after a token refresh by {@link RestClient} (the request was refused, not run). Every command
 * completes within {@code commandTimeoutMs} ({@code timeout} otherwise). Futures complete on the
 * caller's context.
 */
final class SimpliSafeControlApi {

  /** simplipy's {@code DEFAULT_REQUEST_RETRIES}: three tries in all. */
  static final int MAX_ATTEMPTS = 3;

  /** Wait before the n-th retry of a 409: 1 s, then 2 s (simplipy's exponential backoff). */
  static final long RETRY_BASE_DELAY_MS = 1_000;

  /** A command is answered within this bound, whatever the vendor does. */
  static final long DEFAULT_COMMAND_TIMEOUT_MS = 20_000;

  private final Vertx vertx;
  private final RestClient rest;
  private final String base;
  private final long commandTimeoutMs;
  private final long retryBaseDelayMs;

  SimpliSafeControlApi(
      Vertx vertx,
      AuthHandler auth,
      SimpliSafeEndpoints endpoints,
      long commandTimeoutMs,
      long retryBaseDelayMs) {
    this(vertx, WebClient.create(vertx), auth, endpoints, commandTimeoutMs, retryBaseDelayMs);
  }

  /** With {@code client}: the socket's, which trusts what {@code socket.tls} names. */
  SimpliSafeControlApi(
      Vertx vertx,
      WebClient client,
      AuthHandler auth,
      SimpliSafeEndpoints endpoints,
      long commandTimeoutMs,
      long retryBaseDelayMs) {
    this.vertx = vertx;
    this.rest =
        new RestClient(client, auth)
            .header("User-Agent", SimpliSafeProtocol.USER_AGENT)
            .classifier((status, body) -> status == 403 ? FailureClass.RATE_LIMITED : null);
    this.base = endpoints.apiBaseUrl() + "/v1";
    this.commandTimeoutMs = commandTimeoutMs;
    this.retryBaseDelayMs = retryBaseDelayMs;
  }

  /** {@code GET /users/{uid}/subscriptions?activeOnly=true} as the cloud answers it. */
  Future<JsonObject> subscriptions(long userId) {
    return rest.getJson(base + "/users/" + userId + "/subscriptions?activeOnly=true");
  }

  /**
   * {@code GET ss3/subscriptions/{sid}/sensors?forceUpdate=false} (cached: no base station poll).
   */
  Future<JsonObject> sensors(long sid) {
    return rest.getJson(base + "/ss3/subscriptions/" + sid + "/sensors?forceUpdate=false");
  }

  /**
   * {@code GET subscriptions/{sid}/settings?settingsType=all&cached=true}: a V2 (SS2) system's
   * settings with its sensors in {@code settings.sensors} (cached, as for V3: no base station
   * poll).
   */
  Future<JsonObject> v2Settings(long sid) {
    return rest.getJson(base + "/subscriptions/" + sid + "/settings?settingsType=all&cached=true");
  }

  /**
   * Sets the alarm state.
   *
   * @param state {@code off}, {@code home} or {@code away}
   * @param version the system's {@code location.system.version} (2 takes the V2 route)
   */
  Future<JsonObject> setState(long sid, int version, String state) {
    String url =
        version == 2
            ? base + "/subscriptions/" + sid + "/state?state=" + state
            : base + "/ss3/subscriptions/" + sid + "/state/" + state;
    return command(() -> rest.requestJson(HttpMethod.POST, url, r -> r.send()));
  }

  /** Locks ({@code lock}) or unlocks ({@code unlock}) a lock; the cloud answers an empty 200. */
  Future<JsonObject> setLock(long sid, String serial, String state) {
    String url = base + "/doorlock/" + sid + "/" + serial + "/state";
    JsonObject body = new JsonObject().put("state", state);
    return command(() -> rest.requestJson(HttpMethod.POST, url, r -> r.sendJsonObject(body)));
  }

  private Future<JsonObject> command(Supplier<Future<Object>> call) {
    Promise<JsonObject> done = Promise.promise();
    long timer =
        vertx.setTimer(
            commandTimeoutMs,
            id ->
                done.tryFail(
                    new CommandException(
                        CommandException.TIMEOUT,
                        "SimpliSafe did not answer within "
                            + commandTimeoutMs
                            + " ms; the command may or may not have taken effect")));
    attempt(call, 1, done);
    return done.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  private void attempt(Supplier<Future<Object>> call, int n, Promise<JsonObject> done) {
    call.get()
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                done.tryComplete(
                    ar.result() instanceof JsonObject o
                        ? o
                        : new JsonObject().put("value", ar.result()));
                return;
              }
              boolean syncing =
                  ar.cause() instanceof RestStatusException rse && rse.status() == 409;
              if (syncing && n < MAX_ATTEMPTS && !done.future().isComplete()) {
                long delay = retryBaseDelayMs << (n - 1);
                vertx.setTimer(
                    delay,
                    id -> {
                      if (!done.future().isComplete()) {
                        attempt(call, n + 1, done);
                      }
                    });
                return;
              }
              done.tryFail(named(ar.cause()));
            });
  }

  /** The command failure named after the vendor's answer. */
  static Throwable named(Throwable t) {
    if (!(t instanceof RestStatusException rse)) {
      if (t instanceof CloudbusException ce && ce.failureClass() == FailureClass.AUTH) {
        return new CommandException("auth_failed", ce.getMessage(), ce);
      }
      return t;
    }
    String type =
        rse.body() instanceof JsonObject b && b.getValue("type") instanceof String s ? s : null;
    String vendorMessage =
        rse.body() instanceof JsonObject b && b.getValue("message") instanceof String s ? s : null;
    String detail = vendorMessage == null ? rse.getMessage() : vendorMessage;
    if (rse.status() == 409) {
      return new CommandException(
          "base_station_syncing",
          "the base station is syncing with the cloud (HTTP 409 after "
              + MAX_ATTEMPTS
              + " attempts); try again later",
          rse);
    }
    if ("NoRemoteManagement".equals(type)) {
      return new CommandException("no_remote_management", detail, rse);
    }
    if ("PinError".equals(type)) {
      return new CommandException("pin_error", detail, rse);
    }
    if (rse.status() == 403 || rse.status() == 429) {
      return new CommandException("rate_limited", rse.getMessage(), rse);
    }
    return new CommandException(CommandException.VENDOR_ERROR, rse.getMessage(), rse);
  }
}
