package io.cloudbus.simplisafe;

import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.http.RestClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The SimpliSafe REST calls the adapter needs, under {@code apiBaseUrl}: {@code GET
 * /v1/api/authCheck} (the user id), {@code GET /v1/users/{userId}/subscriptions?activeOnly=true}
 * (the system ids) and {@code GET /v1/subscriptions/{sid}/events?numEvents=N} (recent events,
 * newest first, {@code N <= 50}).
 *
 * <p>Every call carries the bearer token of the {@link AuthHandler}, the app's User-Agent, and on
 * HTTP 401 refreshes once (single flight) and retries once ({@link RestClient}). SimpliSafe
 * throttles with 403, so 403 is {@code RATE_LIMITED} here, not {@code AUTH}; 409 (base station
 * syncing) is {@code TRANSIENT}. Thread-safe; futures complete on the caller's context.
 */
public class SimpliSafeApi {

  private final RestClient rest;
  private final String base;

  public SimpliSafeApi(Vertx vertx, AuthHandler auth, SimpliSafeEndpoints endpoints) {
    this(io.vertx.ext.web.client.WebClient.create(vertx), auth, endpoints);
  }

  /** As above on {@code client} (e.g. one trusting the account's {@code socket.tls}). */
  public SimpliSafeApi(
      io.vertx.ext.web.client.WebClient client, AuthHandler auth, SimpliSafeEndpoints endpoints) {
    this.rest =
        new RestClient(client, auth)
            .header("User-Agent", SimpliSafeProtocol.USER_AGENT)
            .classifier((status, body) -> status == 403 ? FailureClass.RATE_LIMITED : null);
    this.base = endpoints.apiBaseUrl() + "/v1";
  }

  /** The account's user id and systems: authCheck, then the active subscriptions. */
  public Future<SimpliSafeAccount> account() {
    return userId().compose(uid -> systemIds(uid).map(sids -> new SimpliSafeAccount(uid, sids)));
  }

  /** The user id from {@code /api/authCheck}. */
  public Future<Long> userId() {
    return rest.getJson(base + "/api/authCheck")
        .compose(
            json -> {
              Long uid = SimpliSafeJson.asLong(json.getValue("userId"));
              return uid == null
                  ? Future.failedFuture(
                      CloudbusException.transientFailure("authCheck answered no userId", null))
                  : Future.succeededFuture(uid);
            });
  }

  /**
   * The system ids ({@code sid}) of the user's active subscriptions that have a base station and a
   * {@code location.system}, in the order the cloud lists them.
   */
  public Future<List<Long>> systemIds(long userId) {
    return rest.getJson(base + "/users/" + userId + "/subscriptions?activeOnly=true")
        .map(SimpliSafeApi::systemsOf);
  }

  static List<Long> systemsOf(JsonObject json) {
    List<Long> sids = new ArrayList<>();
    if (!(json.getValue("subscriptions") instanceof JsonArray subs)) {
      return sids;
    }
    for (Object o : subs) {
      if (!(o instanceof JsonObject sub)) {
        continue;
      }
      JsonObject status = sub.getValue("status") instanceof JsonObject s ? s : new JsonObject();
      JsonObject location = sub.getValue("location") instanceof JsonObject l ? l : new JsonObject();
      Long sid = SimpliSafeJson.asLong(sub.getValue("sid"));
      if (sid != null
          && Boolean.TRUE.equals(status.getValue("hasBaseStation"))
          && location.getValue("system") instanceof JsonObject) {
        sids.add(sid);
      }
    }
    return sids;
  }

  /**
   * The newest {@code numEvents} events of system {@code sid}, newest first as the cloud sends
   * them; elements that are not objects are skipped.
   *
   * @param numEvents 1..50 (the cloud rejects more)
   */
  public Future<List<JsonObject>> recentEvents(long sid, int numEvents) {
    if (numEvents < 1 || numEvents > SimpliSafeProtocol.MAX_NUM_EVENTS) {
      return Future.failedFuture(
          new IllegalArgumentException("numEvents must be 1..50, was " + numEvents));
    }
    return rest.getJson(base + "/subscriptions/" + sid + "/events?numEvents=" + numEvents)
        .map(
            json -> {
              List<JsonObject> events = new ArrayList<>();
              if (json.getValue("events") instanceof JsonArray arr) {
                for (Object o : arr) {
                  if (o instanceof JsonObject e) {
                    events.add(e);
                  }
                }
              }
              return events;
            });
  }
}
