package io.cloudbus.generic;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.DeviceRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device state of a {@code home-assistant} account: one {@code entity} device per entity ({@code
 * entity_id}; state {@code {state, attributes}}), read with {@code get_states} at connect and after
 * every reconnect and kept current from {@code entity.state_changed} events. Nothing is polled. On
 * the socket's context.
 */
final class HomeAssistantDevices {

  private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantDevices.class);

  private HomeAssistantDevices() {}

  static void attach(CloudSocket socket, DeviceRegistry registry) {
    socket.onEvent(e -> onEvent(registry, e));
    socket.onConnectAsync(
        () ->
            socket
                .sendMessage(new JsonObject().put("type", "get_states"))
                .map(
                    reply -> {
                      if (reply.getValue("result") instanceof JsonArray states) {
                        for (Object o : states) {
                          if (o instanceof JsonObject s) {
                            put(registry, s);
                          }
                        }
                      }
                      return null;
                    })
                .recover(
                    err -> {
                      LOG.warn(
                          "[{}/{}] device state not read: {}",
                          socket.vendor(),
                          socket.account(),
                          err.getMessage());
                      return Future.succeededFuture();
                    }));
  }

  private static void put(DeviceRegistry registry, JsonObject state) {
    if (!(state.getValue("entity_id") instanceof String id)) {
      return;
    }
    JsonObject attributes =
        state.getValue("attributes") instanceof JsonObject a ? a : new JsonObject();
    registry.put(
        id,
        "entity",
        attributes.getValue("friendly_name") instanceof String n ? n : id,
        new JsonObject().put("state", state.getValue("state")).put("attributes", attributes));
  }

  private static void onEvent(DeviceRegistry registry, CloudbusEvent event) {
    if (!"entity.state_changed".equals(event.name())) {
      return;
    }
    if (event.data().getValue("new_state") instanceof JsonObject next) {
      put(registry, next);
    }
  }
}
