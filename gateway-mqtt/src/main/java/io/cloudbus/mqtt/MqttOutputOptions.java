package io.cloudbus.mqtt;

import io.cloudbus.core.TlsTrust;
import io.cloudbus.core.config.Redacted;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code mqtt:} section: where and how events, account status, device state and Home Assistant
 * discovery are published. Immutable, validated at construction ({@link IllegalArgumentException}
 * naming the field, never quoting a secret), JSON round-trippable ({@link #toJson()} holds the
 * password: treat it as secret). Defaults are the {@code DEFAULT_*} constants.
 *
 * <p>{@code url}: {@code mqtt://host[:port]} (default port 1883) or {@code mqtts://host[:port]}
 * (TLS, default port 8883, server certificate checked against the JVM's trust store, or against
 * {@code tls}: {@code {"caFile": "...", "pinSha256": "..."}} as the adapters' {@code socket.tls},
 * see {@link TlsTrust}). {@code protocolVersion}: 4 (MQTT 3.1.1, the default) or 5 (MQTT 5).
 */
public final class MqttOutputOptions {

  public static final String DEFAULT_PREFIX = "cloudbus";
  public static final String DEFAULT_DISCOVERY_PREFIX = "homeassistant";
  public static final String DEFAULT_CLIENT_ID = "cloudbus";
  public static final int DEFAULT_MAX_PENDING = 10_000;
  public static final int DEFAULT_MAX_IN_FLIGHT = 10;
  public static final long DEFAULT_RECONNECT_INITIAL_DELAY_MS = 1_000;
  public static final long DEFAULT_RECONNECT_MAX_DELAY_MS = 60_000;
  public static final int DEFAULT_KEEP_ALIVE_SECONDS = 30;

  /** MQTT 3.1.1 (protocol level 4). */
  public static final int MQTT_3_1_1 = 4;

  /** MQTT 5. */
  public static final int MQTT_5 = 5;

  public static final int DEFAULT_PROTOCOL_VERSION = MQTT_3_1_1;

  /** Every numeric field with its allowed range {@code {min, max}}. */
  public static final Map<String, long[]> RANGES = ranges();

  private static final Set<String> FIELDS =
      Set.of(
          "url",
          "prefix",
          "username",
          "password",
          "clientId",
          "homeAssistantDiscovery",
          "discoveryPrefix",
          "disarmCode",
          "maxPending",
          "maxInFlight",
          "reconnectInitialDelayMs",
          "reconnectMaxDelayMs",
          "keepAliveSeconds",
          "tls",
          "protocolVersion");

  private final String url;
  private final String host;
  private final int port;
  private final boolean tls;
  private final String prefix;
  private final String username;
  private final String password;
  private final String clientId;
  private final boolean homeAssistantDiscovery;
  private final String discoveryPrefix;
  private final String disarmCode;
  private final int maxPending;
  private final int maxInFlight;
  private final long reconnectInitialDelayMs;
  private final long reconnectMaxDelayMs;
  private final int keepAliveSeconds;
  private final TlsTrust trust;
  private final int protocolVersion;

  private MqttOutputOptions(JsonObject json) {
    for (String name : json.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(name + ": unknown field");
      }
    }
    this.url = string(json, "url", null);
    if (url == null) {
      throw new IllegalArgumentException("url: required (mqtt://host:port or mqtts://host:port)");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url: not a valid URL");
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equals("mqtt") || scheme.equals("mqtts"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("url: expected mqtt://host:port or mqtts://host:port");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("url: put the credentials in username and password");
    }
    this.tls = scheme.equals("mqtts");
    this.host = uri.getHost();
    this.port = uri.getPort() < 0 ? (tls ? 8883 : 1883) : uri.getPort();
    this.prefix = topicPart(json, "prefix", DEFAULT_PREFIX);
    this.discoveryPrefix = topicPart(json, "discoveryPrefix", DEFAULT_DISCOVERY_PREFIX);
    this.username = string(json, "username", null);
    this.password = string(json, "password", null);
    if (password != null && username == null) {
      throw new IllegalArgumentException("password: needs a username");
    }
    this.clientId = string(json, "clientId", DEFAULT_CLIENT_ID);
    if (clientId.isEmpty() || clientId.length() > 64) {
      throw new IllegalArgumentException("clientId: 1 to 64 characters");
    }
    Object discovery = json.getValue("homeAssistantDiscovery", false);
    if (discovery instanceof String s && (s.equals("true") || s.equals("false"))) {
      discovery = Boolean.parseBoolean(s);
    }
    if (!(discovery instanceof Boolean b)) {
      throw new IllegalArgumentException("homeAssistantDiscovery: expected true or false");
    }
    this.homeAssistantDiscovery = b;
    this.disarmCode = string(json, "disarmCode", null);
    this.maxPending = (int) number(json, "maxPending", DEFAULT_MAX_PENDING);
    this.maxInFlight = (int) number(json, "maxInFlight", DEFAULT_MAX_IN_FLIGHT);
    this.reconnectInitialDelayMs =
        number(json, "reconnectInitialDelayMs", DEFAULT_RECONNECT_INITIAL_DELAY_MS);
    this.reconnectMaxDelayMs = number(json, "reconnectMaxDelayMs", DEFAULT_RECONNECT_MAX_DELAY_MS);
    if (reconnectMaxDelayMs < reconnectInitialDelayMs) {
      throw new IllegalArgumentException("reconnectMaxDelayMs: must be >= reconnectInitialDelayMs");
    }
    this.keepAliveSeconds = (int) number(json, "keepAliveSeconds", DEFAULT_KEEP_ALIVE_SECONDS);
    this.trust = trust(json.getValue("tls"), tls);
    this.protocolVersion = (int) number(json, "protocolVersion", DEFAULT_PROTOCOL_VERSION);
  }

  private static TlsTrust trust(Object value, boolean tls) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject json)) {
      throw new IllegalArgumentException("tls: expected {caFile, pinSha256}");
    }
    if (!tls) {
      throw new IllegalArgumentException("tls: only for an mqtts:// url");
    }
    // TlsTrust names its fields tls.caFile / tls.pinSha256, as here
    return TlsTrust.fromJson(json);
  }

  /**
   * Parses the {@code mqtt:} section; numeric and boolean strings are accepted (environment
   * references resolve to strings).
   *
   * @throws IllegalArgumentException naming the first bad field ({@code url: ...})
   */
  public static MqttOutputOptions fromJson(JsonObject json) {
    return new MqttOutputOptions(json == null ? new JsonObject() : json);
  }

  /** Defaults with {@code url}. */
  public static MqttOutputOptions of(String url) {
    return fromJson(new JsonObject().put("url", url));
  }

  /** A copy with {@code field} set to {@code value} (validated like {@link #fromJson}). */
  public MqttOutputOptions with(String field, Object value) {
    return fromJson(toJson().put(field, value));
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("url", url)
            .put("prefix", prefix)
            .put("clientId", clientId)
            .put("homeAssistantDiscovery", homeAssistantDiscovery)
            .put("discoveryPrefix", discoveryPrefix)
            .put("maxPending", maxPending)
            .put("maxInFlight", maxInFlight)
            .put("reconnectInitialDelayMs", reconnectInitialDelayMs)
            .put("reconnectMaxDelayMs", reconnectMaxDelayMs)
            .put("keepAliveSeconds", keepAliveSeconds)
            .put("protocolVersion", protocolVersion);
    if (trust != null) {
      json.put("tls", trust.toJson());
    }
    if (username != null) {
      json.put("username", username);
    }
    if (password != null) {
      json.put("password", password);
    }
    if (disarmCode != null) {
      json.put("disarmCode", disarmCode);
    }
    return json;
  }

  public String url() {
    return url;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** True for {@code mqtts://}. */
  public boolean tls() {
    return tls;
  }

  /** The first topic level of everything published (default {@value #DEFAULT_PREFIX}). */
  public String prefix() {
    return prefix;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public String clientId() {
    return clientId;
  }

  /** Whether Home Assistant discovery configs are published and command topics accepted. */
  public boolean homeAssistantDiscovery() {
    return homeAssistantDiscovery;
  }

  public String discoveryPrefix() {
    return discoveryPrefix;
  }

  /** The code Home Assistant must send with a disarm; null when none is asked for. */
  public String disarmCode() {
    return disarmCode;
  }

  /** Events held while the broker is unreachable; beyond it the oldest are dropped (counted). */
  public int maxPending() {
    return maxPending;
  }

  /** QoS 1 messages sent and not yet acknowledged by the broker, at most. */
  public int maxInFlight() {
    return maxInFlight;
  }

  public long reconnectInitialDelayMs() {
    return reconnectInitialDelayMs;
  }

  public long reconnectMaxDelayMs() {
    return reconnectMaxDelayMs;
  }

  public int keepAliveSeconds() {
    return keepAliveSeconds;
  }

  /** Whom {@code mqtts://} trusts besides the JVM's CAs (CA file and/or pin); null: the JVM's. */
  public TlsTrust trust() {
    return trust;
  }

  /** {@value #MQTT_3_1_1} (MQTT 3.1.1) or {@value #MQTT_5} (MQTT 5). */
  public int protocolVersion() {
    return protocolVersion;
  }

  /** Redacted: no password, no disarm code, no user info in the URL. */
  @Override
  public String toString() {
    return Redacted.of(
        "MqttOutputOptions", toJson().put("url", Redacted.url(url)), "password", "disarmCode");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MqttOutputOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  private static String string(JsonObject json, String field, String def) {
    Object v = json.getValue(field);
    if (v == null) {
      return def;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(field + ": expected a string");
    }
    return s;
  }

  private static String topicPart(JsonObject json, String field, String def) {
    String v = string(json, field, def);
    if (v.isEmpty() || !v.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")) {
      throw new IllegalArgumentException(
          field + ": topic levels of letters, digits, '_', '.', '-' separated by '/'");
    }
    return v;
  }

  private static long number(JsonObject json, String field, long def) {
    Object v = json.getValue(field);
    long value;
    if (v == null) {
      value = def;
    } else if (v instanceof Integer || v instanceof Long) {
      value = ((Number) v).longValue();
    } else if (v instanceof String s && s.trim().matches("\\d{1,18}")) {
      value = Long.parseLong(s.trim());
    } else {
      throw new IllegalArgumentException(field + ": expected a whole number");
    }
    long[] range = RANGES.get(field);
    if (value < range[0] || value > range[1]) {
      throw new IllegalArgumentException(
          field + ": must be between " + range[0] + " and " + range[1]);
    }
    return value;
  }

  private static Map<String, long[]> ranges() {
    Map<String, long[]> r = new LinkedHashMap<>();
    r.put("maxPending", new long[] {1, 1_000_000});
    r.put("maxInFlight", new long[] {1, 1_000});
    r.put("reconnectInitialDelayMs", new long[] {10, 3_600_000});
    r.put("reconnectMaxDelayMs", new long[] {10, 3_600_000});
    r.put("keepAliveSeconds", new long[] {1, 3_600});
    r.put("protocolVersion", new long[] {MQTT_3_1_1, MQTT_5});
    return java.util.Collections.unmodifiableMap(r);
  }
}
