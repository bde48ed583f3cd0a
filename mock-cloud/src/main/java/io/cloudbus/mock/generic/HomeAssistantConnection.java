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

/**
 * One Home Assistant WebSocket API connection as the real server runs it: {@code auth_required},
 * the auth deadline, {@code auth_ok}/{@code auth_invalid} (then close), then commands with ids that
 * must strictly increase ({@code id_reuse}), optional message coalescing (JSON array frames once
 * the client sent {@code supported_features} with {@code coalesce_messages}). Used on the mock
 * cloud's context only.
 */
final class HomeAssistantConnection {

  static final String HA_VERSION = "2026.8.0";

  private final HomeAssistantEmulation ha;
  private final MockSocket socket;
  private final Map<Long, String> subscriptions = new LinkedHashMap<>(); // id -> event_type|null
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
    socket.send(new JsonObject().put("type", "auth_ok").put("ha_version", HA_VERSION));
    socket.handshakeDone();
  }

  private void command(Object item) {
    if (!(item instanceof JsonObject msg)
        || !(msg.getValue("id") instanceof Number idValue)
        || !(msg.getValue("type") instanceof String type)) {
      Object id = item instanceof JsonObject o ? o.getValue("id") : null;
      reply(
          error(
              id instanceof Number n ? n.longValue() : 0,
              "invalid_format",
              "Message incorrectly formatted."));
      return;
    }
    long id = idValue.longValue();
    if (id <= lastId) {
      reply(error(id, "id_reuse", "Identifier values have to increase."));
      return;
    }
    lastId = id;
    if (ha.dropped(type)) {
      return; // fault dropCommands: the reply never comes
    }
    switch (type) {
      case "supported_features" -> {
        JsonObject features = msg.getJsonObject("features", new JsonObject());
        coalesce = Integer.valueOf(1).equals(features.getInteger("coalesce_messages"));
        reply(success(id, null));
      }
      case "ping" -> reply(new JsonObject().put("id", id).put("type", "pong"));
      case "subscribe_events" -> {
        subscriptions.put(id, msg.getString("event_type"));
        ha.stats().increment(HomeAssistantEmulation.ACTIVE_SUBSCRIPTIONS);
        ha.stats().increment(HomeAssistantEmulation.SUBSCRIBE_COMMANDS);
        reply(success(id, null));
      }
      case "unsubscribe_events" -> {
        Object sub = msg.getValue("subscription");
        if (sub instanceof Number n && subscriptions.remove(n.longValue()) != null) {
          ha.stats().add(HomeAssistantEmulation.ACTIVE_SUBSCRIPTIONS, -1);
          reply(success(id, null));
        } else {
          reply(error(id, "not_found", "Subscription not found."));
        }
      }
      case "fire_event" -> {
        if (!(msg.getValue("event_type") instanceof String eventType)) {
          reply(error(id, "invalid_format", "required key not provided @ data['event_type']"));
          return;
        }
        JsonObject context = ha.newContext();
        reply(success(id, new JsonObject().put("context", context)));
        ha.fire(eventType, msg.getJsonObject("event_data", new JsonObject()), "REMOTE", context);
      }
      case "call_service" -> reply(ha.callService(id, msg));
      case "get_states" -> reply(success(id, ha.states()));
      default -> reply(error(id, "unknown_command", "Unknown command."));
    }
  }

  /** Delivers a fired event once per matching subscription, with that subscription's id. */
  int deliver(JsonObject event) {
    if (!authenticated) {
      return 0;
    }
    int n = 0;
    String type = event.getString("event_type");
    for (Map.Entry<Long, String> sub : subscriptions.entrySet()) {
      if (sub.getValue() == null || sub.getValue().equals(type)) {
        enqueue(
            new JsonObject()
                .put("id", sub.getKey())
                .put("type", "event")
                .put("event", event.copy()),
            true);
        n++;
      }
    }
    return n;
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

  static JsonObject error(long id, String code, String message) {
    return new JsonObject()
        .put("id", id)
        .put("type", "result")
        .put("success", false)
        .put("error", new JsonObject().put("code", code).put("message", message));
  }
}
