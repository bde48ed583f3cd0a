package io.cloudbus.mqtt.impl;

import io.cloudbus.mqtt.MqttTopics;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the output knows and keeps retained on the broker: each account's last status, each device's
 * last state and the discovery configs announced so far; and the messages an event or a status
 * turns into. Bounded ({@value #MAX_ACCOUNTS} accounts, {@value #MAX_DEVICES} devices; more are
 * published but not remembered for the next reconnect). Not thread-safe: the output's context.
 */
final class RetainedState {

  static final int MAX_ACCOUNTS = 10_000;
  static final int MAX_DEVICES = 20_000;

  static final String DEVICE_CHANGED = "io.cloudbus.device.changed";

  /** The doorbell event types of Home Assistant's event entity, by cloudbus type. */
  private static final Map<String, String> DOORBELL =
      Map.of(
          "io.cloudbus.doorbell.ring", "ring",
          "io.cloudbus.call.missed", "missed",
          "io.cloudbus.call.answered", "answered");

  private final MqttTopics topics;
  private final HomeAssistantDiscovery discovery;
  private final Map<String, List<OutboundQueue.Message>> accountConfigs = new LinkedHashMap<>();
  private final Map<String, OutboundQueue.Message> statuses = new LinkedHashMap<>();
  private final Map<String, OutboundQueue.Message> deviceStates = new LinkedHashMap<>();
  private final Map<String, OutboundQueue.Message> deviceConfigs = new LinkedHashMap<>();
  private final Map<String, MqttCommandRouter.Declared> declared = new LinkedHashMap<>();

  /**
   * @param discovery null when Home Assistant discovery is off
   */
  RetainedState(MqttTopics topics, HomeAssistantDiscovery discovery) {
    this.topics = topics;
    this.discovery = discovery;
  }

  /** The messages of one event: the event itself and what it changes; retained ones flagged. */
  List<OutboundQueue.Message> event(JsonObject event) {
    List<OutboundQueue.Message> out = new ArrayList<>();
    String vendor = text(event, "vendor");
    String account = text(event, "account");
    String type = text(event, "type");
    if (vendor == null || account == null || type == null) {
      return out;
    }
    out.addAll(account(vendor, account));
    out.add(
        new OutboundQueue.Message(topics.event(vendor, account, type), event.toBuffer(), false));
    String doorbell = DOORBELL.get(type);
    if (doorbell != null) {
      JsonObject payload =
          new JsonObject()
              .put("event_type", doorbell)
              .put("id", event.getValue("id"))
              .put("subject", event.getValue("subject"))
              .put("time", event.getValue("time"));
      out.add(
          new OutboundQueue.Message(topics.doorbell(vendor, account), payload.toBuffer(), false));
    }
    if (DEVICE_CHANGED.equals(type) && event.getValue("data") instanceof JsonObject data) {
      out.addAll(device(vendor, account, data));
    }
    return out;
  }

  /** The messages of a status change: the account's configs when new, its retained status. */
  List<OutboundQueue.Message> status(JsonObject status) {
    List<OutboundQueue.Message> out = new ArrayList<>();
    String vendor = text(status, "vendor");
    String account = text(status, "account");
    if (vendor == null || account == null) {
      return out;
    }
    out.addAll(account(vendor, account));
    JsonObject body =
        status
            .copy()
            .put(
                "availability",
                "connected".equals(status.getValue("state")) ? "online" : "offline");
    OutboundQueue.Message m =
        new OutboundQueue.Message(topics.accountStatus(vendor, account), body.toBuffer(), true);
    remember(statuses, vendor + "/" + account, m, MAX_ACCOUNTS);
    out.add(m);
    return out;
  }

  /** Everything retained, for a fresh connection: configs, then statuses, then device states. */
  List<OutboundQueue.Message> all() {
    List<OutboundQueue.Message> out = new ArrayList<>();
    accountConfigs.values().forEach(out::addAll);
    out.addAll(deviceConfigs.values());
    out.addAll(statuses.values());
    out.addAll(deviceStates.values());
    return out;
  }

  /** The command topics declared in discovery configs so far. */
  Map<String, MqttCommandRouter.Declared> declared() {
    return declared;
  }

  private List<OutboundQueue.Message> account(String vendor, String account) {
    String key = vendor + "/" + account;
    if (discovery == null || accountConfigs.containsKey(key)) {
      return List.of();
    }
    List<OutboundQueue.Message> configs = new ArrayList<>();
    for (HomeAssistantDiscovery.Config c : discovery.account(vendor, account)) {
      configs.add(new OutboundQueue.Message(c.topic(), c.payload().toBuffer(), true));
    }
    if (accountConfigs.size() < MAX_ACCOUNTS) {
      accountConfigs.put(key, configs);
    }
    return configs;
  }

  private List<OutboundQueue.Message> device(String vendor, String account, JsonObject data) {
    String id = text(data, "device");
    String type = text(data, "type");
    if (id == null || type == null) {
      return List.of();
    }
    List<OutboundQueue.Message> out = new ArrayList<>();
    if (discovery != null && !deviceConfigs.containsKey(id)) {
      HomeAssistantDiscovery.Config c = discovery.device(vendor, account, data);
      if (c != null) {
        OutboundQueue.Message m =
            new OutboundQueue.Message(c.topic(), c.payload().toBuffer(), true);
        if (remember(deviceConfigs, id, m, MAX_DEVICES)) {
          declared.put(
              topics.deviceCommand(vendor, account, id),
              new MqttCommandRouter.Declared(vendor, account, id, type));
        }
        out.add(m);
      }
    }
    JsonObject newState = data.getValue("new") instanceof JsonObject s ? s : null;
    JsonObject payload =
        new JsonObject()
            .put("device", id)
            .put("type", type)
            .put("name", data.getValue("name"))
            .put("state", newState)
            .put("ha_state", HomeAssistantDiscovery.haState(type, newState));
    OutboundQueue.Message m =
        new OutboundQueue.Message(
            topics.deviceState(vendor, account, id), payload.toBuffer(), true);
    remember(deviceStates, id, m, MAX_DEVICES);
    out.add(m);
    return out;
  }

  private static boolean remember(
      Map<String, OutboundQueue.Message> map, String key, OutboundQueue.Message m, int max) {
    if (map.size() >= max && !map.containsKey(key)) {
      return false;
    }
    map.put(key, m);
    return true;
  }

  private static String text(JsonObject json, String field) {
    return json.getValue(field) instanceof String s && !s.isEmpty() ? s : null;
  }
}
