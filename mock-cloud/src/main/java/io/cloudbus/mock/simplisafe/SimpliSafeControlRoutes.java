package io.cloudbus.mock.simplisafe;

import io.cloudbus.mock.AdminRequest;
import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.MockRequest;
import io.cloudbus.mock.MockResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SimpliSafe control and state calls (docs/protocols simplisafe.md 1.7), with state kept in
 * {@link SimpliSafeSystemState}: V3 {@code ss3/subscriptions/{sid}/sensors}, {@code
 * settings/normal} (GET and POST), {@code state/{off|home|away}}, {@code
 * doorlock/{sid}/{serial}/state}, and the V2 {@code subscriptions/{sid}/state?state=} and {@code
 * subscriptions/{sid}/settings}. An arm or disarm pushes what a real system pushes on the socket
 * and records it in the event history: away: 9407 (exit delay), then after {@code exitDelayAway}
 * seconds 3407 (armed away); home: 3441 (9441 first when {@code exitDelayHome} > 0); off: 1407;
 * lock/unlock: 9701/9700.
 *
 * <p>Faults ({@code PUT /admin/simplisafe/faults}): {@code syncing} (true, or a count: the next N
 * commands; every faults change restarts the count) answers 409 as a base station that is syncing;
 * {@code noRemoteManagement} answers 403 {@code NoRemoteManagement}; {@code pinError} answers 400
 * {@code PinError}. Admin: {@code GET /admin/simplisafe/system}, {@code PUT
 * /admin/simplisafe/system} (see {@link SimpliSafeSystemState#merge}). Used on the mock cloud's
 * context only.
 */
public final class SimpliSafeControlRoutes {

  static final Set<String> FAULTS = Set.of("syncing", "noRemoteManagement", "pinError");

  /** The stat counting state (arm/disarm) requests, answered or refused. */
  public static final String STATE_COMMANDS = "stateCommands";

  private static final String SID = "([^/]+)";
  private static final Pattern SENSORS =
      Pattern.compile("/v1/ss3/subscriptions/" + SID + "/sensors/?");
  private static final Pattern SETTINGS =
      Pattern.compile("/v1/ss3/subscriptions/" + SID + "/settings/normal/?");
  private static final Pattern STATE =
      Pattern.compile("/v1/ss3/subscriptions/" + SID + "/state/(off|home|away)/?");
  private static final Pattern LOCK = Pattern.compile("/v1/doorlock/" + SID + "/([^/]+)/state/?");
  private static final Pattern V2_STATE = Pattern.compile("/v1/subscriptions/" + SID + "/state/?");
  private static final Pattern V2_SETTINGS =
      Pattern.compile("/v1/subscriptions/" + SID + "/settings/?");

  private final Function<List<JsonObject>, Integer> pusher;
  private SimpliSafeSystemState state = new SimpliSafeSystemState();
  private MockCloudContext ctx;
  private long exitTimer = -1;
  private Object countedFaults;
  private int syncingServed;

  /**
   * @param pusher records events (data objects) in the history and pushes them on the socket
   */
  SimpliSafeControlRoutes(Function<List<JsonObject>, Integer> pusher) {
    this.pusher = pusher;
  }

  void install(MockCloudContext ctx) {
    this.ctx = ctx;
    ctx.restMatching(
        "GET", SENSORS.pattern(), r -> system(r, SENSORS, s -> ok(state.sensorsBody())));
    ctx.restMatching(
        "GET", SETTINGS.pattern(), r -> system(r, SETTINGS, s -> ok(state.settingsBody())));
    ctx.restMatching("POST", SETTINGS.pattern(), r -> system(r, SETTINGS, s -> postSettings(r)));
    ctx.restMatching("POST", STATE.pattern(), r -> system(r, STATE, m -> arm(m.group(2), false)));
    ctx.restMatching("POST", LOCK.pattern(), r -> system(r, LOCK, m -> lock(r, m.group(2))));
    ctx.restMatching("POST", V2_STATE.pattern(), r -> system(r, V2_STATE, m -> armV2(r)));
    ctx.restMatching(
        "GET", V2_SETTINGS.pattern(), r -> system(r, V2_SETTINGS, s -> ok(state.v2SettingsBody())));
    ctx.adminRoute(HttpMethod.GET, "system", r -> state.toJson());
    ctx.adminRoute(HttpMethod.PUT, "system", this::adminSet);
  }

  void reset() {
    cancelExitTimer();
    state = new SimpliSafeSystemState();
    countedFaults = null;
    syncingServed = 0;
  }

  /** The subscriptions response with the live alarm state in {@code location.system}. */
  JsonObject withLiveState(JsonObject subscriptions) {
    return state.applyTo(subscriptions);
  }

  private MockResponse system(
      MockRequest req, Pattern pattern, Function<Matcher, MockResponse> then) {
    Optional<Long> user =
        ctx.tokens().validateAccess(req.bearerToken()).map(SimpliSafeEventHistory::asLong);
    if (user.isEmpty()) {
      return SimpliSafeRestRoutes.unauthorized();
    }
    Matcher m = pattern.matcher(req.path());
    Long sid = m.matches() ? SimpliSafeEventHistory.asLong(m.group(1)) : null;
    if (sid == null
        || user.get() != SimpliSafeDemoAccount.USER_ID
        || sid != SimpliSafeDemoAccount.SID) {
      return MockResponse.json(
          403,
          new JsonObject()
              .put("type", "Forbidden")
              .put("message", "Not authorized for this subscription")
              .put("statusCode", 403));
    }
    return then.apply(m);
  }

  private MockResponse postSettings(MockRequest req) {
    JsonObject body;
    try {
      body = req.jsonBody();
    } catch (IllegalArgumentException e) {
      return badRequest("body");
    }
    JsonObject normal = body.getValue("normal") instanceof JsonObject n ? n : body;
    state.normal.mergeIn(normal);
    state.lastUpdated = now();
    return ok(state.settingsBody());
  }

  private MockResponse armV2(MockRequest req) {
    String wanted = req.query("state");
    if (wanted == null || !Set.of("off", "home", "away").contains(wanted)) {
      return badRequest("state");
    }
    return arm(wanted, true);
  }

  private MockResponse arm(String wanted, boolean v2) {
    ctx.stats().increment(STATE_COMMANDS);
    MockResponse fault = commandFault();
    if (fault != null) {
      return fault;
    }
    cancelExitTimer();
    int delay = 0;
    switch (wanted) {
      case "off" -> {
        state.isAlarming = false;
        setAlarm("OFF", 1407, "System Disarmed by Remote", "SimpliSafe System Disarmed");
      }
      case "home" -> {
        delay = state.exitDelayHome();
        if (delay > 0) {
          setAlarm("HOME_COUNT", 9441, "Home Exit Delay", "SimpliSafe System Arming (home mode)");
          exitTimer = later(delay, "HOME", 3441, "System Armed (Home) by Remote");
        } else {
          setAlarm(
              "HOME", 3441, "System Armed (Home) by Remote", "SimpliSafe System Armed (home mode)");
        }
      }
      default -> {
        delay = state.exitDelayAway();
        setAlarm(
            "AWAY_COUNT",
            9407,
            "Away Exit Delay by Remote",
            "SimpliSafe System Arming (away mode)");
        exitTimer = later(delay, "AWAY", 3407, "System Armed (Away) by Remote");
      }
    }
    JsonObject body =
        new JsonObject()
            .put("success", true)
            .putNull("reason")
            .put(v2 ? "requestedState" : "state", v2 ? wanted : wanted.toUpperCase())
            .put("lastUpdated", state.lastUpdated)
            .put("exitDelay", delay);
    return ok(body);
  }

  private long later(int delaySeconds, String alarm, int cid, String info) {
    Runnable done =
        () -> {
          exitTimer = -1;
          setAlarm(alarm, cid, info, "SimpliSafe " + info);
        };
    if (delaySeconds <= 0) {
      done.run();
      return -1;
    }
    return ctx.vertx().setTimer(delaySeconds * 1000L, id -> done.run());
  }

  private void setAlarm(String alarm, int cid, String info, String subject) {
    state.alarmState = alarm;
    state.lastUpdated = now();
    pusher.apply(List.of(event(cid, 1, SimpliSafeSystemState.KEYPAD_SERIAL, "", info, subject)));
  }

  private MockResponse lock(MockRequest req, String serial) {
    JsonObject sensor = state.sensors.get(serial);
    if (sensor == null || sensor.getInteger("type") != 16) {
      return MockResponse.json(
          404, new JsonObject().put("type", "NotFound").put("message", "No such lock: " + serial));
    }
    String wanted;
    try {
      wanted = req.jsonBody().getValue("state") instanceof String s ? s : null;
    } catch (IllegalArgumentException e) {
      wanted = null;
    }
    if (!"lock".equals(wanted) && !"unlock".equals(wanted)) {
      return badRequest("state");
    }
    MockResponse fault = commandFault();
    if (fault != null) {
      return fault;
    }
    boolean locking = "lock".equals(wanted);
    sensor
        .getJsonObject("status")
        .put("lockState", locking ? SimpliSafeSystemState.LOCKED : SimpliSafeSystemState.UNLOCKED);
    state.lastUpdated = now();
    String name = sensor.getString("name");
    pusher.apply(
        List.of(
            event(
                locking ? 9701 : 9700,
                16,
                serial,
                name,
                (locking ? "Lock Locked: " : "Lock Unlocked: ") + name,
                "SimpliSafe Lock " + (locking ? "Locked" : "Unlocked"))));
    return new MockResponse(200, Map.of(), "");
  }

  /** The vendor failure a command gets now, or null (faults named in {@link #FAULTS}). */
  private MockResponse commandFault() {
    Object faults = ctx.faults();
    if (faults != countedFaults) {
      countedFaults = faults;
      syncingServed = 0;
    }
    Object syncing = ctx.faults().extra("syncing");
    if (Boolean.TRUE.equals(syncing)
        || (syncing instanceof Number n && syncingServed < n.intValue())) {
      syncingServed++;
      return MockResponse.json(
          409,
          new JsonObject()
              .put("type", "Conflict")
              .put("message", "Base station is syncing with the cloud")
              .put("statusCode", 409));
    }
    if (Boolean.TRUE.equals(ctx.faults().extra("noRemoteManagement"))) {
      return MockResponse.json(
          403,
          new JsonObject()
              .put("type", "NoRemoteManagement")
              .put("message", "Subscription does not support remote management")
              .put("code", "078")
              .put("statusCode", 403)
              .put("props", new JsonObject()));
    }
    if (Boolean.TRUE.equals(ctx.faults().extra("pinError"))) {
      return MockResponse.json(
          400,
          new JsonObject()
              .put("type", "PinError")
              .put("message", "Incorrect PIN")
              .put("statusCode", 400));
    }
    return null;
  }

  private JsonObject adminSet(AdminRequest request) {
    if (!(request.json() instanceof JsonObject change)) {
      throw new IllegalArgumentException("body: a JSON object");
    }
    state.merge(change, now());
    return state.toJson();
  }

  private JsonObject event(
      int cid, int sensorType, String serial, String sensorName, String info, String subject) {
    return new JsonObject()
        .put("eventCid", cid)
        .put("zoneCid", "0")
        .put("sensorType", sensorType)
        .put("sensorSerial", serial)
        .put("account", SimpliSafeDemoAccount.BASE_STATION_ACCOUNT)
        .put("userId", SimpliSafeDemoAccount.USER_ID)
        .put("sid", SimpliSafeDemoAccount.SID)
        .put("info", info)
        .put("pinName", "")
        .put("sensorName", sensorName)
        .put("messageSubject", subject)
        .put("messageBody", info)
        .put("eventType", "activity")
        .put("timezone", 2)
        .put("locationOffset", -360)
        .put("video", new JsonObject());
  }

  private void cancelExitTimer() {
    if (exitTimer >= 0 && ctx != null) {
      ctx.vertx().cancelTimer(exitTimer);
    }
    exitTimer = -1;
  }

  private static MockResponse ok(JsonObject body) {
    return MockResponse.ok(body);
  }

  private static MockResponse badRequest(String param) {
    return MockResponse.json(
        400, new JsonObject().put("errorType", "InvalidParameter").put("param", param));
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }
}
