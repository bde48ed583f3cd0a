package io.cloudbus.mock.generic;

import io.cloudbus.mock.AdminRequest;
import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.VendorEmulation;
import io.cloudbus.mock.VendorStats;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A Home Assistant server's WebSocket API ({@code /api/websocket}) as the real one behaves (see
 * docs/protocols): auth with a long-lived token and a 10 s deadline, {@code subscribe_events} (all
 * or one type) delivering each event once per matching subscription with that subscription's id,
 * {@code unsubscribe_events}, {@code fire_event}, {@code call_service} (a few light/switch
 * services; anything else is {@code not_found}), {@code get_states}, {@code ping}/{@code pong},
 * {@code id_reuse}, and coalescing after {@code supported_features}.
 *
 * <p>Valid tokens: {@link #LONG_LIVED_TOKEN} and any access token issued by the vendor's token
 * authority. Extra faults: {@code authDeadlineMs} (shorter auth deadline for tests) and {@code
 * dropCommands} (command types the server never answers, e.g. {@code ["fire_event"]}). Admin:
 * {@code POST /admin/generic/home-assistant/messages} (raw server messages; an {@code event} is
 * sent once per matching subscription with its id, anything else to every authenticated socket) and
 * {@code GET /admin/home-assistant/subscriptions}.
 */
public final class HomeAssistantEmulation implements VendorEmulation {

  /** The long-lived access token the mock always accepts. */
  public static final String LONG_LIVED_TOKEN = "mock-home-assistant-long-lived-token";

  /** The real server's auth deadline. */
  public static final long AUTH_DEADLINE_MS = 10_000;

  static final String AUTH_ATTEMPTS = "authAttempts";
  static final String AUTH_FAILURES = "authFailures";
  static final String ACTIVE_SUBSCRIPTIONS = "activeSubscriptions";
  static final String SUBSCRIBE_COMMANDS = "subscribeCommands";

  private static final Set<String> SERVICES =
      Set.of(
          "light.turn_on",
          "light.turn_off",
          "light.toggle",
          "switch.turn_on",
          "switch.turn_off",
          "homeassistant.check_config");

  private MockCloudContext ctx;
  private final List<HomeAssistantConnection> connections = new ArrayList<>();
  private final Map<String, JsonObject> states = new TreeMap<>();

  @Override
  public String name() {
    return "home-assistant";
  }

  @Override
  public Set<String> extraFaultNames() {
    return Set.of("authDeadlineMs", "dropCommands");
  }

  @Override
  public List<String> adminAliases() {
    return List.of("generic/home-assistant");
  }

  @Override
  public void install(MockCloudContext ctx) {
    this.ctx = ctx;
    ctx.webSocket(
        "/api/websocket",
        socket -> {
          HomeAssistantConnection c = new HomeAssistantConnection(this, socket);
          connections.add(c);
          c.open(authDeadlineMs());
        });
    ctx.adminRoute(HttpMethod.POST, "messages", this::messages);
    ctx.adminRoute(HttpMethod.GET, "subscriptions", r -> subscriptions());
    reset();
  }

  @Override
  public JsonObject endpoints() {
    return new JsonObject()
        .put("url", ctx.wsBaseUrl())
        .put("socketUrl", ctx.wsBaseUrl() + "/api/websocket")
        .put("token", LONG_LIVED_TOKEN);
  }

  @Override
  public void reset() {
    connections.clear();
    states.clear();
    state("light.kitchen", "off");
    state("light.living_room", "on");
    state("switch.coffee", "off");
  }

  // ---------------------------------------------------------------- used by connections

  Vertx vertx() {
    return ctx.vertx();
  }

  VendorStats stats() {
    return ctx.stats();
  }

  boolean validToken(String token) {
    return LONG_LIVED_TOKEN.equals(token) || ctx.tokens().validateAccess(token).isPresent();
  }

  boolean dropped(String type) {
    return ctx.faults().extra("dropCommands") instanceof JsonArray a && a.contains(type);
  }

  boolean connectionClosed(HomeAssistantConnection c) {
    return connections.remove(c);
  }

  JsonObject newContext() {
    return new JsonObject()
        .put("id", UUID.randomUUID().toString().replace("-", "").toUpperCase())
        .putNull("parent_id")
        .put("user_id", "mock-user");
  }

  /** Fires an event on the "bus": every subscribed connection gets it; returns frames sent. */
  int fire(String eventType, JsonObject data, String origin, JsonObject context) {
    JsonObject event =
        new JsonObject()
            .put("event_type", eventType)
            .put("data", data)
            .put("origin", origin)
            .put("time_fired", OffsetDateTime.now(ZoneOffset.UTC).toString())
            .put("context", context);
    int n = 0;
    for (HomeAssistantConnection c : new ArrayList<>(connections)) {
      n += c.deliver(event);
    }
    return n;
  }

  JsonObject callService(long id, JsonObject msg) {
    String domain = msg.getValue("domain") instanceof String s ? s : null;
    String service = msg.getValue("service") instanceof String s ? s : null;
    if (domain == null || service == null) {
      return HomeAssistantConnection.error(
          id, "invalid_format", "required key not provided @ data['domain'] or data['service']");
    }
    if (!SERVICES.contains(domain + "." + service)) {
      return HomeAssistantConnection.error(
          id, "not_found", "Service " + domain + "." + service + " not found.");
    }
    JsonObject context = newContext();
    JsonObject serviceData = msg.getJsonObject("service_data", new JsonObject());
    fire(
        "call_service",
        new JsonObject()
            .put("domain", domain)
            .put("service", service)
            .put("service_data", serviceData),
        "LOCAL",
        context);
    for (String entity : targets(msg.getJsonObject("target"))) {
      if (entity.startsWith(domain + ".") && states.containsKey(entity)) {
        String old = states.get(entity).getString("state");
        String now =
            switch (service) {
              case "turn_on" -> "on";
              case "turn_off" -> "off";
              case "toggle" -> "on".equals(old) ? "off" : "on";
              default -> old;
            };
        JsonObject oldState = states.get(entity);
        JsonObject newState = state(entity, now);
        fire(
            "state_changed",
            new JsonObject()
                .put("entity_id", entity)
                .put("old_state", oldState)
                .put("new_state", newState),
            "LOCAL",
            context);
      }
    }
    return HomeAssistantConnection.success(
        id, new JsonObject().put("context", context).putNull("response"));
  }

  JsonArray states() {
    return new JsonArray(new ArrayList<>(states.values()));
  }

  // ---------------------------------------------------------------- admin

  private JsonObject messages(AdminRequest request) {
    int pushed = 0;
    java.util.Set<HomeAssistantConnection> reached = new java.util.HashSet<>();
    for (JsonObject m : request.jsonObjects()) {
      if ("event".equals(m.getValue("type")) && m.getValue("event") instanceof JsonObject e) {
        JsonObject event = e.copy();
        if (!(event.getValue("event_type") instanceof String)) {
          throw new IllegalArgumentException("event.event_type: required string");
        }
        if (!event.containsKey("time_fired")) {
          event.put("time_fired", OffsetDateTime.now(ZoneOffset.UTC).toString());
        }
        if (!event.containsKey("context")) {
          event.put("context", newContext());
        }
        event.put("origin", event.getString("origin", "LOCAL"));
        event.put("data", event.getJsonObject("data", new JsonObject()));
        for (HomeAssistantConnection c : new ArrayList<>(connections)) {
          int n = c.deliver(event);
          if (n > 0) {
            reached.add(c);
            pushed += n;
          }
        }
      } else {
        for (HomeAssistantConnection c : new ArrayList<>(connections)) {
          if (c.raw(m)) {
            reached.add(c);
            pushed++;
          }
        }
      }
    }
    return new JsonObject().put("pushed", pushed).put("sockets", reached.size());
  }

  private JsonObject subscriptions() {
    JsonArray perSocket = new JsonArray();
    for (HomeAssistantConnection c : connections) {
      perSocket.add(c.subscriptionCount());
    }
    return new JsonObject().put("sockets", connections.size()).put("subscriptions", perSocket);
  }

  private long authDeadlineMs() {
    Object v = ctx.faults().extra("authDeadlineMs");
    return v instanceof Number n && n.longValue() > 0 ? n.longValue() : AUTH_DEADLINE_MS;
  }

  private JsonObject state(String entity, String value) {
    String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
    JsonObject s =
        new JsonObject()
            .put("entity_id", entity)
            .put("state", value)
            .put("attributes", new JsonObject())
            .put("last_changed", now)
            .put("last_updated", now);
    states.put(entity, s);
    return s;
  }

  private static List<String> targets(JsonObject target) {
    List<String> out = new ArrayList<>();
    Object v = target == null ? null : target.getValue("entity_id");
    if (v instanceof String s) {
      out.add(s);
    } else if (v instanceof JsonArray a) {
      a.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }
}
