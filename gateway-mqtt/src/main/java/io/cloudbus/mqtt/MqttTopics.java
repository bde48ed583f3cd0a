package io.cloudbus.mqtt;

/**
 * The topic names of the MQTT output (docs/mqtt.md). Every topic starts with the configured prefix;
 * a name from the outside (an event type, a device id) has the characters MQTT gives a meaning to
 * ({@code / + #}) and control characters replaced by {@code _}, so it is always one topic level.
 * Vendor and account names are already safe (validated by the configuration).
 */
public final class MqttTopics {

  private final String prefix;
  private final String discoveryPrefix;

  public MqttTopics(String prefix, String discoveryPrefix) {
    this.prefix = prefix;
    this.discoveryPrefix = discoveryPrefix;
  }

  /** The gateway's availability, retained: {@code online}, or {@code offline} (also the will). */
  public String gatewayStatus() {
    return prefix + "/status";
  }

  /** {@code <prefix>/<vendor>/<account>/events/<type>}: every event, QoS 1, not retained. */
  public String event(String vendor, String account, String type) {
    return account(vendor, account) + "/events/" + level(type);
  }

  /** {@code <prefix>/<vendor>/<account>/status}: the account's availability, retained. */
  public String accountStatus(String vendor, String account) {
    return account(vendor, account) + "/status";
  }

  /** Doorbell events as Home Assistant event entities want them ({@code {"event_type":...}}). */
  public String doorbell(String vendor, String account) {
    return account(vendor, account) + "/doorbell";
  }

  /** {@code <prefix>/<vendor>/<account>/devices/<id>/state}: a device's state, retained. */
  public String deviceState(String vendor, String account, String deviceId) {
    return account(vendor, account) + "/devices/" + level(deviceId) + "/state";
  }

  /** Where Home Assistant sends a device's commands (declared in its discovery config). */
  public String deviceCommand(String vendor, String account, String deviceId) {
    return account(vendor, account) + "/devices/" + level(deviceId) + "/set";
  }

  /** The subscription that receives every device command topic. */
  public String deviceCommandFilter() {
    return prefix + "/+/+/devices/+/set";
  }

  /** {@code homeassistant/<component>/<node_id>/<object_id>/config}. */
  public String discovery(String component, String nodeId, String objectId) {
    return discoveryPrefix + "/" + component + "/" + nodeId + "/" + objectId + "/config";
  }

  private String account(String vendor, String account) {
    return prefix + "/" + level(vendor) + "/" + level(account);
  }

  /** {@code value} as one topic level. */
  public static String level(String value) {
    if (value == null || value.isEmpty()) {
      return "_";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      out.append(c == '/' || c == '+' || c == '#' || c < 0x20 || c == 0x7f ? '_' : c);
    }
    return out.toString();
  }

  /** {@code value} as a Home Assistant id ({@code [a-zA-Z0-9_-]}): node ids, object ids. */
  public static String haId(String value) {
    return value.replaceAll("[^a-zA-Z0-9_-]", "_");
  }
}
