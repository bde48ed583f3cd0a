package io.cloudbus.generic;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Home Assistant commands as Java methods over a {@link GenericCloudSocket} running the {@code
 * home-assistant} profile. Each call is the profile's command of the same name, correlated by id:
 * it completes with HA's {@code result}, fails with {@link VendorReplyException} (HA's error code
 * and message) on {@code success:false}, and fails after the socket's reply timeout (5 s default)
 * when no reply comes. Thread-safe (the socket hops onto its context).
 */
public final class HomeAssistant {

  private final GenericCloudSocket socket;

  public HomeAssistant(GenericCloudSocket socket) {
    this.socket = Objects.requireNonNull(socket, "socket");
  }

  /** {@code fire_event}: completes with HA's result ({@code {"context":{...}}}). */
  public Future<JsonObject> fireEvent(String eventType, JsonObject eventData) {
    JsonObject args = new JsonObject().put("event_type", eventType);
    if (eventData != null) {
      args.put("event_data", eventData);
    }
    return socket.command("fire_event", args).map(HomeAssistant::result);
  }

  /**
   * {@code call_service}: completes with HA's result ({@code {"context":{...},"response":...}}).
   *
   * @param data the {@code service_data}, or null
   * @param target the {@code target} (e.g. {@code {"entity_id":"light.kitchen"}}), or null
   */
  public Future<JsonObject> callService(
      String domain, String service, JsonObject data, JsonObject target) {
    JsonObject args = new JsonObject().put("domain", domain).put("service", service);
    if (data != null) {
      args.put("service_data", data);
    }
    if (target != null) {
      args.put("target", target);
    }
    return socket.command("call_service", args).map(HomeAssistant::result);
  }

  private static JsonObject result(JsonObject answer) {
    Object r = answer.getJsonObject("reply", new JsonObject()).getValue("result");
    return r instanceof JsonObject o ? o : new JsonObject().put("result", r);
  }
}
