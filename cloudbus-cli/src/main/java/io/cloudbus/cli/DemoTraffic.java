package io.cloudbus.cli;

import io.cloudbus.mock.bticino.BticinoHomeSeed;
import io.cloudbus.mock.simplisafe.SimpliSafeDemoAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scripted demo traffic, pushed through the mock cloud's admin API exactly as a user would with
 * curl: a SimpliSafe arm/entry-delay/motion/disarm day, BTicino doorbell calls (ring, the cloud's
 * offer retransmit, answered or missed, terminate sent once per registered device), Home Assistant
 * {@code state_changed} and Pylight row changes. One admin call per tick; duplicates on purpose
 * show the gateway's dedup (the retransmit and the second terminate yield no event).
 *
 * <p>Threading: runs on a Vert.x timer; {@link #stop()} may be called from any thread.
 */
final class DemoTraffic {

  private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);

  /** The table of the generic adapter's pylight demo account (its description's demo account). */
  private static final String PYLIGHT_TABLE = "products";

  private final Vertx vertx;
  private final WebClient client;
  private final String adminUrl;
  private final List<Step> steps = new ArrayList<>();
  private long timer = -1;
  private volatile boolean stopped;
  private int cycle;
  private int next;

  /** One admin call: path below the admin root, and its JSON body. */
  record Step(String path, Object body) {

    /** Vendor time fields (epoch seconds or RFC 3339) set to {@code now}, for any vendor. */
    private static final Set<String> EPOCH_SECONDS = Set.of("eventTimestamp", "timestamp");

    private static final Set<String> RFC_3339 =
        Set.of("time_fired", "last_changed", "last_updated");

    /** This call with every vendor time in its body set to {@code now}. */
    Step stamped(Instant now) {
      Object copy =
          body instanceof JsonObject o ? o.copy() : body instanceof JsonArray a ? a.copy() : body;
      restamp(copy, now);
      return new Step(path, copy);
    }

    private static void restamp(Object json, Instant now) {
      if (json instanceof JsonObject o) {
        for (String key : o.fieldNames()) {
          Object v = o.getValue(key);
          if (EPOCH_SECONDS.contains(key) && v instanceof Number) {
            o.put(key, now.getEpochSecond());
          } else if (RFC_3339.contains(key) && v instanceof String) {
            o.put(key, now.toString());
          } else {
            restamp(v, now);
          }
        }
      } else if (json instanceof JsonArray a) {
        a.forEach(v -> restamp(v, now));
      }
    }
  }

  DemoTraffic(Vertx vertx, String adminUrl) {
    this(vertx, adminUrl, null);
  }

  /** With {@code tls}: the admin API of a mock serving TLS, trusted by its certificate. */
  DemoTraffic(Vertx vertx, String adminUrl, io.cloudbus.mock.MockCloudTls tls) {
    this.vertx = vertx;
    this.client =
        tls == null
            ? WebClient.create(vertx)
            : WebClient.create(
                vertx,
                new io.vertx.ext.web.client.WebClientOptions()
                    .setTrustOptions(
                        new io.vertx.core.net.PemTrustOptions()
                            .addCertPath(tls.caFile().toString())));
    this.adminUrl = adminUrl.replaceAll("/+$", "");
  }

  /** Starts pushing at {@code eventsPerSecond} admin calls per second; 0 or less pushes nothing. */
  void start(double eventsPerSecond) {
    if (eventsPerSecond <= 0) {
      return;
    }
    long periodMs = Math.max(1, Math.round(1000 / eventsPerSecond));
    timer = vertx.setPeriodic(periodMs, periodMs, id -> tick());
  }

  void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    client.close();
  }

  private void tick() {
    if (stopped) {
      return;
    }
    if (next >= steps.size()) {
      steps.clear();
      steps.addAll(script(cycle++));
      next = 0;
    }
    // A cycle is scripted at once but sent one call per tick: each call carries its send time.
    Step step = steps.get(next++).stamped(Instant.now());
    post(step)
        .onFailure(
            err -> {
              // a call cut short by stop() ("Client is closed") is not a failure worth a line
              if (!stopped) {
                LOG.warn("demo traffic: {} failed: {}", step.path(), err.getMessage());
              }
            });
  }

  private Future<JsonObject> post(Step step) {
    return client
        .postAbs(adminUrl + step.path())
        .sendJson(step.body())
        .compose(
            resp ->
                resp.statusCode() / 100 == 2
                    ? Future.succeededFuture(resp.bodyAsJsonObject())
                    : Future.failedFuture("HTTP " + resp.statusCode() + " " + resp.bodyAsString()));
  }

  /** The calls of one cycle; {@code n} makes ids and values differ between cycles. */
  static List<Step> script(int n) {
    String session = "demo-call-" + n + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    List<Step> s = new ArrayList<>();
    s.add(simplisafe(9401, "Exit Delay (away) by Keypad", "Keypad"));
    s.add(simplisafe(3401, "System Armed (Away) by Keypad Front Keypad", "Front Keypad"));
    s.add(homeAssistant("light.kitchen", "off", "on"));
    // one offer and one terminate: the mock cloud repeats the offer while it rings and sends the
    // terminate once per registered device, as the real one does; the gateway drops the copies
    s.add(bticino(rtc(session, "offer")));
    s.add(pylight("create", n * 2 + 1, "Widget " + (n * 2 + 1)));
    s.add(simplisafe(1170, "Camera detected motion", "Front Door Camera"));
    if (n % 2 == 0) {
      s.add(bticino(call(session, "accepted_call")));
      s.add(bticino(rtc(session, "terminate")));
    } else {
      s.add(bticino(call(session, "missed_call")));
    }
    s.add(simplisafe(1429, "Entry Delay", "Front Door"));
    s.add(pylight("update", n * 2 + 1, "Widget " + (n * 2 + 1) + " (sale)"));
    s.add(simplisafe(1400, "System Disarmed by Master PIN", ""));
    s.add(homeAssistant("light.kitchen", "on", "off"));
    return s;
  }

  static Step simplisafe(int cid, String info, String sensorName) {
    long now = Instant.now().getEpochSecond();
    return new Step(
        "/simplisafe/events",
        new JsonObject()
            .put("eventCid", cid)
            .put("eventTimestamp", now)
            .put("zoneCid", "1")
            .put("sensorType", cid == 1170 ? 17 : 1)
            .put("sensorSerial", "f00d" + (cid % 100))
            .put("sensorName", sensorName)
            .put("info", info)
            .put("userId", SimpliSafeDemoAccount.USER_ID)
            .put("sid", SimpliSafeDemoAccount.SID)
            .put("eventType", cid == 1170 ? "activityCam" : "activity"));
  }

  static Step bticino(JsonObject push) {
    return new Step("/bticino/pushes", push);
  }

  static JsonObject rtc(String session, String type) {
    JsonObject data = new JsonObject().put("type", type);
    if (type.equals("offer")) {
      data.put(
          "session_description",
          new JsonObject()
              .put("type", "call")
              .put("sdp", "v=0\r\n")
              .put("module_id", BticinoHomeSeed.EXTERNAL_UNIT_ID));
    }
    return new JsonObject()
        .put("push_type", BticinoHomeSeed.BRIDGE_TYPE + "-rtc")
        .put(
            "extra_params",
            new JsonObject()
                .put("session_id", session)
                .put("correlation_id", Long.toString(session.hashCode() & 0xffffffffL))
                .put("data", data)
                .put("device_id", BticinoHomeSeed.BRIDGE_ID)
                .put("home_id", BticinoHomeSeed.HOME_ID));
  }

  static JsonObject call(String session, String event) {
    return new JsonObject()
        .put("type", "Websocket")
        .put("push_type", BticinoHomeSeed.BRIDGE_TYPE + "-" + event)
        .put("category", event)
        .put(
            "extra_params",
            new JsonObject()
                .put("event_type", event)
                .put("device_id", BticinoHomeSeed.BRIDGE_ID)
                .put("camera_id", BticinoHomeSeed.BRIDGE_ID)
                .put("home_id", BticinoHomeSeed.HOME_ID)
                .put("home_name", BticinoHomeSeed.HOME_NAME)
                .put("timestamp", Instant.now().getEpochSecond())
                .put("session_id", session));
  }

  static Step homeAssistant(String entity, String from, String to) {
    String now = Instant.now().toString();
    return new Step(
        "/generic/home-assistant/messages",
        new JsonObject()
            .put("type", "event")
            .put(
                "event",
                new JsonObject()
                    .put("event_type", "state_changed")
                    .put(
                        "data",
                        new JsonObject()
                            .put("entity_id", entity)
                            .put("old_state", state(entity, from, now))
                            .put("new_state", state(entity, to, now)))
                    .put("origin", "LOCAL")
                    .put("time_fired", now)
                    .put(
                        "context",
                        new JsonObject().put("id", Long.toHexString(System.nanoTime())))));
  }

  private static JsonObject state(String entity, String state, String now) {
    return new JsonObject()
        .put("entity_id", entity)
        .put("state", state)
        .put("attributes", new JsonObject())
        .put("last_changed", now)
        .put("last_updated", now);
  }

  static Step pylight(String type, int id, String name) {
    return new Step(
        "/generic/pylight/messages",
        new JsonArray()
            .add(
                new JsonObject()
                    .put("type", type)
                    .put("model", PYLIGHT_TABLE)
                    .put(
                        "data",
                        new JsonObject().put("id", id).put("name", name).put("price", 9.5))));
  }
}
