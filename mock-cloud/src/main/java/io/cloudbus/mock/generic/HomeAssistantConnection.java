package io.cloudbus.mock.generic;

import io.cloudbus.mock.MockSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One Home Assistant WebSocket API connection as the real server runs it: {@code auth_required},
 * the auth deadline, {@code auth_ok}/{@code auth_invalid} (then close), then commands with ids that
 * must strictly increase ({@code id_reuse}), optional message coalescing (JSON array frames once
 * the client sent {@code supported_features} with {@code coalesce_messages}). Used on the mock
 * cloud's context only.
 */
final class HomeAssistantConnection {

  static final String HA_VERSION = "2026.8.0";

  /** A bound on hostile clients: subscriptions per connection. */
  static final int MAX_SUBSCRIPTIONS = 1_000;

  private final HomeAssistantEmulation ha;
  private final MockSocket socket;
  private final Map<Long, Consumer<HaEvent>> subscriptions = new LinkedHashMap<>();
  private final Consumer<HaEvent> busListener = this::onBusEvent;
  private int sent;
  private HaEvent lastEvent;
  private int lastEventFrames;
  private final List<JsonObject> outbox = new ArrayList<>();
  private boolean outboxHasEvent;
  private boolean flushScheduled;
  private boolean authenticated;
  private boolean coalesce;
  private long lastId;
  private long authTimer = -1;

  HomeAssistantConnection(HomeAssistantEmulation ha, MockSocket socket) {
    this.ha = ha;
    this.socket = socket;
  }

  void open(long authDeadlineMs) {
    socket.textHandler(this::onText);
    socket.closeHandler(v -> closed());
    socket.send(new JsonObject().put("type", "auth_required").put("ha_version", HA_VERSION));
    authTimer =
        ha.vertx()
            .setTimer(
                authDeadlineMs,
                t -> {
                  authTimer = -1;
                  if (!authenticated && socket.isOpen()) {
                    // The real server: "Did not receive auth message within 10 seconds".
                    socket.close(1000, "auth timeout");
                  }
                });
  }

  boolean authenticated() {
    return authenticated;
  }

  int subscriptionCount() {
    return subscriptions.size();
  }

  private void closed() {
    if (authTimer >= 0) {
      ha.vertx().cancelTimer(authTimer);
    }
    if (ha.connectionClosed(this)) {
      // Not after a reset, which zeroed the stats already.
      ha.stats().add(HomeAssistantEmulation.ACTIVE_SUBSCRIPTIONS, -subscriptions.size());
    }
    subscriptions.clear();
    ha.bus().unlisten(busListener);
  }

  private void onText(String text) {
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      // The real server disconnects on a frame that is not JSON.
      socket.close(1003, "invalid JSON");
      return;
    }
    if (!authenticated) {
      auth(parsed);
    } else if (parsed instanceof JsonArray batch) {
      for (Object item : batch) {
        command(item);
      }
    } else {
      command(parsed);
    }
  }

  private void auth(Object parsed) {
    ha.stats().increment(HomeAssistantEmulation.AUTH_ATTEMPTS);
    String token =
        parsed instanceof JsonObject o && "auth".equals(o.getValue("type"))
            ? o.getValue("access_token") instanceof String s ? s : null
            : null;
    if (authTimer >= 0) {
      ha.vertx().cancelTimer(authTimer);
      authTimer = -1;
    }
    if (token == null || !ha.validToken(token)) {
      ha.stats().increment(HomeAssistantEmulation.AUTH_FAILURES);
      String msg =
          token == null ? "Auth message incorrectly formatted" : "Invalid access token or password";
      socket.send(new JsonObject().put("type", "auth_invalid").put("message", msg));
      socket.close(1000, "auth_invalid");
      return;
    }
    authenticated = true;
    ha.bus().listen(busListener);
    socket.send(new JsonObject().put("type", "auth_ok").put("ha_version", HA_VERSION));
    socket.handshakeDone();
  }

  private void command(Object item) {
    // As connection.py: a dict with a positive int id and a non-empty string type, else
    // invalid_format echoing whatever id came (0 for a non-dict).
    Object rawId = item instanceof JsonObject o ? o.getValue("id") : 0;
    if (!(item instanceof JsonObject msg)
        || !(rawId instanceof Integer || rawId instanceof Long)
        || ((Number) rawId).longValue() <= 0
        || !(msg.getValue("type") instanceof String type)
        || type.isEmpty()) {
      reply(new HaError("invalid_format", "Message incorrectly formatted.").toResult(rawId));
      return;
    }
    long id = ((Number) rawId).longValue();
    if (id <= lastId) {
      reply(new HaError("id_reuse", "Identifier values have to increase.").toResult(id));
      return;
    }
    if (!ha.commands().known(type)) {
      // The real server answers before any handler ran, so last_id stays where it was.
      reply(new HaError("unknown_command", "Unknown command.").toResult(id));
      return;
    }
    if (!ha.dropped(type)) { // fault dropCommands: the reply never comes
      try {
        ha.commands().run(this, id, type, msg);
      } catch (HaError e) {
        reply(e.toResult(id));
      } catch (IllegalArgumentException e) {
        reply(new HaError("home_assistant_error", e.getMessage()).toResult(id));
      }
    }
    lastId = id;
  }

  // ---------------------------------------------------------------- used by the handlers

  void coalesce(boolean on) {
    coalesce = on;
  }

  void result(long id, Object result) {
    reply(success(id, result));
  }

  void pong(long id) {
    reply(new JsonObject().put("id", id).put("type", "pong"));
  }

  /** Sends an {@code event} message of subscription {@code id}. */
  void event(long id, JsonObject event) {
    enqueue(new JsonObject().put("id", id).put("type", "event").put("event", event), true);
  }

  /** Adds subscription {@code id}: {@code onEvent} sees every event fired from now on. */
  void subscribe(long id, Consumer<HaEvent> onEvent) {
    if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
      throw new HaError(
          "home_assistant_error", "the mock allows " + MAX_SUBSCRIPTIONS + " subscriptions");
    }
    subscriptions.put(id, onEvent);
    ha.stats().increment(HomeAssistantEmulation.ACTIVE_SUBSCRIPTIONS);
  }

  boolean unsubscribe(long id) {
    if (subscriptions.remove(id) == null) {
      return false;
    }
    ha.stats().add(HomeAssistantEmulation.ACTIVE_SUBSCRIPTIONS, -1);
    return true;
  }

  /** Hands an event on the bus to every subscription of this connection, in subscription order. */
  private void onBusEvent(HaEvent event) {
    int before = sent;
    if (authenticated && socket.isOpen()) {
      for (Consumer<HaEvent> sub : new ArrayList<>(subscriptions.values())) {
        sub.accept(event);
      }
    }
    lastEvent = event;
    lastEventFrames = sent - before;
  }

  /** The event frames this connection made of {@code event}, if it was the last one it saw. */
  int lastDelivered(HaEvent event) {
    return event == lastEvent ? lastEventFrames : 0;
  }

  /** Sends a raw server message (admin API) to this authenticated connection. */
  boolean raw(JsonObject message) {
    if (!authenticated) {
      return false;
    }
    enqueue(message.copy(), true);
    return true;
  }

  private void reply(JsonObject message) {
    enqueue(message, false);
  }

  private void enqueue(JsonObject message, boolean event) {
    if (event) {
      sent++;
    }
    if (!coalesce) {
      if (event) {
        socket.push(message);
      } else {
        socket.send(message);
      }
      return;
    }
    outbox.add(message);
    outboxHasEvent |= event;
    if (!flushScheduled) {
      flushScheduled = true;
      // Like the server's writer task: whatever is queued by then goes out in one frame.
      ha.vertx().runOnContext(v -> flush());
    }
  }

  private void flush() {
    flushScheduled = false;
    if (outbox.isEmpty()) {
      return;
    }
    String frame =
        outbox.size() == 1
            ? outbox.get(0).encode()
            : new JsonArray(new ArrayList<>(outbox)).encode();
    if (outboxHasEvent) {
      socket.push(frame);
    } else {
      socket.send(frame);
    }
    outbox.clear();
    outboxHasEvent = false;
  }

  static JsonObject success(long id, Object result) {
    return new JsonObject()
        .put("id", id)
        .put("type", "result")
        .put("success", true)
        .put("result", result);
  }
}
