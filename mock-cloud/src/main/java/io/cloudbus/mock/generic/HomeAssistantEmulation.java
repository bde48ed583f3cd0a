package io.cloudbus.mock.generic;

import io.cloudbus.mock.AdminRequest;
import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.VendorEmulation;
import io.cloudbus.mock.VendorStats;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Home Assistant server's WebSocket API ({@code /api/websocket}) as the real one behaves, checked
 * against the official {@code home-assistant-js-websocket} 9.7.0 (see docs/mock-cloud.md): auth
 * with a long-lived token and a 10 s deadline, id validation and error codes as {@code
 * connection.py}, coalescing after {@code supported_features}, and the commands of {@link
 * HomeAssistantCommands}, all on one state machine ({@link HomeAssistantStates}) and one event bus.
 *
 * <p>Valid tokens: {@link #LONG_LIVED_TOKEN} and any access token issued by the vendor's token
 * authority. Extra faults: {@code authDeadlineMs} (shorter auth deadline for tests) and {@code
 * dropCommands} (command types the server never answers, e.g. {@code ["fire_event"]}). Admin (under
 * {@code /admin/home-assistant/} and {@code /admin/generic/home-assistant/}): {@code POST messages}
 * (raw server messages; an {@code event} is fired on the bus, a {@code state_changed} one through
 * the state machine; anything else goes to every authenticated socket), {@code POST states} (set
 * entities), {@code DELETE states/:entity_id}, {@code GET states}, {@code GET subscriptions}.
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

  private MockCloudContext ctx;
  private final List<HomeAssistantConnection> connections = new ArrayList<>();
  private final HomeAssistantBus bus = new HomeAssistantBus();
  private final HomeAssistantStates states = new HomeAssistantStates(bus::publish);
  private final HomeAssistantServices services = new HomeAssistantServices(states, bus);
  private final HomeAssistantCommands commands = new HomeAssistantCommands(this);

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
    ctx.adminRoute(HttpMethod.POST, "states", HomeAssistantAdmin.setStates(states));
    ctx.adminRoute(HttpMethod.GET, "states", r -> HomeAssistantAdmin.listStates(states));
    ctx.adminRoute(HttpMethod.DELETE, "states/:entity_id", HomeAssistantAdmin.removeState(states));
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
    bus.clear();
    states.clear();
    HomeAssistantAdmin.seed(states);
  }

  // ---------------------------------------------------------------- used by connections

  Vertx vertx() {
    return ctx.vertx();
  }

  VendorStats stats() {
    return ctx.stats();
  }

  HomeAssistantStates states() {
    return states;
  }

  HomeAssistantServices services() {
    return services;
  }

  HomeAssistantBus bus() {
    return bus;
  }

  HomeAssistantCommands commands() {
    return commands;
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

  // ---------------------------------------------------------------- admin

  private JsonObject messages(AdminRequest request) {
    int pushed = 0;
    Set<HomeAssistantConnection> reached = new HashSet<>();
    for (JsonObject m : request.jsonObjects()) {
      if ("event".equals(m.getValue("type")) && m.getValue("event") instanceof JsonObject e) {
        HomeAssistantAdmin.fire(e, states, bus::publish);
        HaEvent event = bus.last();
        for (HomeAssistantConnection c : new ArrayList<>(connections)) {
          // Counted per connection; the bus has already delivered the event itself.
          int n = c.lastDelivered(event);
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
}
