package io.cloudbus.mock.simplisafe;

import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.MockRequest;
import io.cloudbus.mock.MockResponse;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST calls a SimpliSafe client makes around its push socket: {@code GET /v1/api/authCheck},
 * {@code GET /v1/users/{uid}/subscriptions}, {@code GET /v1/subscriptions/{sid}/events} (newest
 * first, {@code numEvents} capped at 50 with the real 400 above). An invalid or expired bearer
 * token gets 401 with the JSON string body {@code "Unauthorized"}, as the real API sends it. Used
 * on the mock cloud's context only.
 */
final class SimpliSafeRestRoutes {

  static final int MAX_NUM_EVENTS = 50;

  private static final Pattern SUBSCRIPTIONS = Pattern.compile("/v1/users/([^/]+)/subscriptions/?");
  private static final Pattern EVENTS = Pattern.compile("/v1/subscriptions/([^/]+)/events/?");

  private final SimpliSafeEventHistory history;
  private MockCloudContext ctx;
  private java.util.function.UnaryOperator<JsonObject> liveState = s -> s;

  SimpliSafeRestRoutes(SimpliSafeEventHistory history) {
    this.history = history;
  }

  /** Puts the live alarm state into the subscriptions response. */
  void liveState(java.util.function.UnaryOperator<JsonObject> liveState) {
    this.liveState = liveState;
  }

  void install(MockCloudContext ctx) {
    this.ctx = ctx;
    ctx.rest("GET", "/v1/api/authCheck", this::authCheck);
    ctx.restMatching("GET", SUBSCRIPTIONS.pattern(), this::subscriptions);
    ctx.restMatching("GET", EVENTS.pattern(), this::events);
  }

  private MockResponse authCheck(MockRequest req) {
    Optional<Long> user = user(req);
    if (user.isEmpty()) {
      return unauthorized();
    }
    return MockResponse.ok(new JsonObject().put("userId", user.get()).put("isAdmin", false));
  }

  private MockResponse subscriptions(MockRequest req) {
    Optional<Long> user = user(req);
    if (user.isEmpty()) {
      return unauthorized();
    }
    Matcher m = SUBSCRIPTIONS.matcher(req.path());
    if (!m.matches() || !Long.toString(user.get()).equals(m.group(1))) {
      return forbidden();
    }
    return MockResponse.ok(
        user.get() == SimpliSafeDemoAccount.USER_ID
            ? liveState.apply(SimpliSafeDemoAccount.subscriptions())
            : new JsonObject().put("subscriptions", new io.vertx.core.json.JsonArray()));
  }

  private MockResponse events(MockRequest req) {
    Optional<Long> user = user(req);
    if (user.isEmpty()) {
      return unauthorized();
    }
    Matcher m = EVENTS.matcher(req.path());
    Long sid = m.matches() ? SimpliSafeEventHistory.asLong(m.group(1)) : null;
    if (sid == null || !SimpliSafeDemoAccount.owns(user.get(), sid)) {
      return forbidden();
    }
    int numEvents = MAX_NUM_EVENTS;
    String n = req.query("numEvents");
    if (n != null) {
      Long parsed = SimpliSafeEventHistory.asLong(n);
      if (parsed == null || parsed < 1 || parsed > MAX_NUM_EVENTS) {
        return invalidParameter("numEvents");
      }
      numEvents = parsed.intValue();
    }
    Long from = null;
    String f = req.query("fromTimestamp");
    if (f != null) {
      from = SimpliSafeEventHistory.asLong(f);
      if (from == null) {
        return invalidParameter("fromTimestamp");
      }
    }
    ctx.stats().increment("eventQueries");
    return MockResponse.ok(history.page(sid, numEvents, from));
  }

  private Optional<Long> user(MockRequest req) {
    return ctx.tokens().validateAccess(req.bearerToken()).map(SimpliSafeEventHistory::asLong);
  }

  private static MockResponse invalidParameter(String param) {
    return MockResponse.json(
        400, new JsonObject().put("errorType", "InvalidParameter").put("param", param));
  }

  static MockResponse unauthorized() {
    return new MockResponse(401, Map.of("Content-Type", "application/json"), "\"Unauthorized\"");
  }

  private static MockResponse forbidden() {
    return MockResponse.json(
        403,
        new JsonObject()
            .put("type", "Forbidden")
            .put("message", "Not authorized for this subscription")
            .put("statusCode", 403));
  }
}
