package io.cloudbus.service.impl;

import io.cloudbus.service.WsConnection;
import io.cloudbus.service.WsHandler;
import io.vertx.core.json.JsonObject;

/**
 * The contract's {@code /ws/{events|vendor|status}} protocol: {@code subscribe} (with an optional
 * filter and an optional {@code since} to resume from, see {@link WsReplays}), {@code unsubscribe},
 * {@code ping}. Nothing but the welcome is sent before a subscribe.
 */
final class BuiltinWsHandler implements WsHandler {

  private final WsEndpoint endpoint;

  BuiltinWsHandler(WsEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public void onMessage(WsConnection connection, JsonObject message) {
    WsClient client = (WsClient) connection;
    Object action = message.getValue("action");
    if (!(action instanceof String a)) {
      client.badFrame("bad_frame", "action must be a string: subscribe, unsubscribe or ping");
      return;
    }
    switch (a) {
      case "subscribe" -> {
        WsFilter filter;
        try {
          filter = WsFilter.parse(message.getValue("filter"));
        } catch (IllegalArgumentException e) {
          client.badFrame("bad_filter", e.getMessage());
          return;
        }
        Object since = message.getValue("since");
        if (since != null) {
          if (!(since instanceof String) && !(since instanceof Number)) {
            client.badFrame(
                "bad_since", "since must be an event id, an RFC 3339 time or a position");
            return;
          }
          endpoint.subscribe(client, filter, since.toString());
          return;
        }
        endpoint.subscribe(client, filter);
        JsonObject subscribed =
            new JsonObject().put("type", "subscribed").put("filter", filter.toJson());
        if ("status".equals(client.resource())) {
          client.send(subscribed);
          return;
        }
        // the journal's latest position: a client that gets no event before it reconnects
        // resumes from here
        endpoint
            .latestPosition()
            .onComplete(
                ar -> {
                  if (ar.succeeded() && ar.result() != null) {
                    subscribed.put("position", String.valueOf(ar.result()));
                  }
                  client.send(subscribed);
                });
      }
      case "unsubscribe" -> endpoint.unsubscribe(client);
      case "ping" -> client.send(new JsonObject().put("type", "pong"));
      default -> client.badFrame("unknown_action", "unknown action: " + abbreviate(a));
    }
  }

  @Override
  public void onDisconnect(WsConnection connection) {
    endpoint.unsubscribe((WsClient) connection);
  }

  private static String abbreviate(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
