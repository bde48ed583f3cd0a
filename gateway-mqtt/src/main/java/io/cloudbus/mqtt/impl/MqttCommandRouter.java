package io.cloudbus.mqtt.impl;

import io.cloudbus.core.CloudbusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a message on a declared command topic into a request on {@code
 * cloudbus.command.<vendor>.<account>}. Only what the discovery configs declare passes: the topic
 * of a device announced to Home Assistant and, for it, exactly the payloads of its config ({@code
 * ARM_HOME}, {@code ARM_AWAY}, {@code DISARM} for an alarm, as JSON {@code {"action","code"}} from
 * its {@code command_template} or bare; {@code LOCK}, {@code UNLOCK} for a lock). Everything else
 * is refused and counted. The gateway cannot tell who published: the broker's ACLs decide who may
 * write the command topics (docs/mqtt.md).
 *
 * <p>Not thread-safe: used on the output's context only.
 */
final class MqttCommandRouter {

  private static final Logger LOG = LoggerFactory.getLogger(MqttCommandRouter.class);

  /** A command payload longer than this is refused unread. */
  static final int MAX_PAYLOAD_BYTES = 1024;

  /** More devices than any home has (as the device model's bound). */
  static final int MAX_DECLARED = 10_000;

  static final long COMMAND_TIMEOUT_MS = 30_000;

  /** A command topic declared in a discovery config. */
  record Declared(String vendor, String account, String deviceId, String type) {}

  private final Vertx vertx;
  private final byte[] disarmCode;
  private final Map<String, Declared> declared = new LinkedHashMap<>();
  private long accepted;
  private long refused;

  MqttCommandRouter(Vertx vertx, String disarmCode) {
    this.vertx = vertx;
    this.disarmCode = disarmCode == null ? null : disarmCode.getBytes(StandardCharsets.UTF_8);
  }

  void declare(String topic, Declared device) {
    if (declared.size() < MAX_DECLARED || declared.containsKey(topic)) {
      declared.put(topic, device);
    }
  }

  /**
   * Handles one received message.
   *
   * @return the command sent to the bus, or null when refused
   */
  JsonObject handle(String topic, byte[] payload) {
    Declared device = declared.get(topic);
    JsonObject command = device == null ? null : command(device, payload);
    if (command == null) {
      refused++;
      LOG.warn("mqtt: refused a command on {} (not declared, or not a declared payload)", topic);
      return null;
    }
    accepted++;
    String address = CloudbusAddresses.command(device.vendor(), device.account());
    LOG.info(
        "mqtt: command {} for {} ({}/{})",
        command.getString("action"),
        device.deviceId(),
        device.vendor(),
        device.account());
    vertx
        .eventBus()
        .<JsonObject>request(
            address, command.copy(), new DeliveryOptions().setSendTimeout(COMMAND_TIMEOUT_MS))
        .onFailure(
            err ->
                LOG.warn(
                    "mqtt: command {} for {} failed: {}",
                    command.getString("action"),
                    device.deviceId(),
                    err.getMessage()));
    return command;
  }

  long accepted() {
    return accepted;
  }

  long refused() {
    return refused;
  }

  private JsonObject command(Declared device, byte[] payload) {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      return null;
    }
    String text = new String(payload, StandardCharsets.UTF_8).trim();
    String action = text;
    String code = null;
    if (text.startsWith("{")) {
      try {
        JsonObject json = new JsonObject(text);
        action = json.getValue("action") instanceof String a ? a : null;
        code = json.getValue("code") instanceof String c && !c.isEmpty() ? c : null;
      } catch (DecodeException | ClassCastException e) {
        return null;
      }
    }
    if (action == null) {
      return null;
    }
    if ("alarm".equals(device.type())) {
      return alarm(device, action, code);
    }
    if ("lock".equals(device.type())) {
      boolean bticino = "bticino".equals(device.vendor());
      return switch (action) {
        case HomeAssistantDiscovery.LOCK ->
            new JsonObject()
                .put("action", bticino ? "lock_door" : "lock")
                .put("device", device.deviceId());
        case HomeAssistantDiscovery.UNLOCK ->
            new JsonObject()
                .put("action", bticino ? "unlock_door" : "unlock")
                .put("device", device.deviceId());
        default -> null;
      };
    }
    return null;
  }

  private JsonObject alarm(Declared device, String action, String code) {
    String cloudbusAction =
        switch (action) {
          case HomeAssistantDiscovery.ARM_HOME -> "arm_home";
          case HomeAssistantDiscovery.ARM_AWAY -> "arm_away";
          case HomeAssistantDiscovery.DISARM -> "disarm";
          default -> null;
        };
    if (cloudbusAction == null) {
      return null;
    }
    if ("disarm".equals(cloudbusAction) && disarmCode != null) {
      byte[] given = code == null ? new byte[0] : code.getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(disarmCode, given)) {
        LOG.warn("mqtt: disarm of {} refused: wrong or missing code", device.deviceId());
        return null;
      }
    }
    JsonObject command = new JsonObject().put("action", cloudbusAction);
    // SimpliSafe's commands name the system by its number: the device is system-<sid>.
    String local = device.deviceId().substring(device.deviceId().lastIndexOf(':') + 1);
    if (local.startsWith("system-") && local.substring(7).matches("\\d{1,18}")) {
      command.put("system", Long.parseLong(local.substring(7)));
    } else {
      command.put("device", device.deviceId());
    }
    return command;
  }
}
