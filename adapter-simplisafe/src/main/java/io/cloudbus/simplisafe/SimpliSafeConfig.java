package io.cloudbus.simplisafe;

import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.auth.AuthOptions;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.UUID;

/**
 * One SimpliSafe account's configuration, read from the service's account JSON:
 *
 * <pre>{@code
 * {"adapter":"simplisafe", "account":"home",
 *  "refreshToken":"${SS_REFRESH_TOKEN}",            // optional when the token store has one
 *  "deviceId":"0000007E-...",                       // optional, upper-cased UUID
 *  "endpoints":{"authBaseUrl":..., "apiBaseUrl":..., "socketUrl":...},   // optional
 *  "keepalive":{"pingIntervalMs":55000, "silenceTimeoutMs":130000},       // optional
 *  "refreshMarginMs":300000,                        // optional
 *  "socket":{...CloudSocketOptions fields...}}      // optional
 * }</pre>
 *
 * Immutable. Validation errors name the field ({@code accounts[home].socket: ...}) and never
 * contain a secret value. {@link #toString()} hides the refresh token.
 *
 * @param account the cloudbus account name
 * @param refreshToken the configured refresh token, or null to rely on the token store
 * @param deviceId the {@code device_id} sent on authorize (upper-case UUID)
 * @param endpoints the hosts
 * @param pingIntervalMs WebSocket ping interval (default {@link
 *     SimpliSafeSocket#DEFAULT_PING_INTERVAL_MS}); 0 sends none
 * @param silenceTimeoutMs silence watchdog (default {@link
 *     SimpliSafeSocket#DEFAULT_SILENCE_TIMEOUT_MS}); 0 disables it
 * @param refreshMarginMs refresh this long before the access token expires (default 5 min)
 * @param socketOptions the socket options, vendor {@code simplisafe}
 */
public record SimpliSafeConfig(
    String account,
    String refreshToken,
    String deviceId,
    SimpliSafeEndpoints endpoints,
    long pingIntervalMs,
    long silenceTimeoutMs,
    long refreshMarginMs,
    CloudSocketOptions socketOptions) {

  /** Parses and validates an account configuration. */
  public static SimpliSafeConfig fromJson(JsonObject json) {
    if (json == null) {
      throw new IllegalArgumentException("accounts[?]: configuration is required");
    }
    Object accountValue = json.getValue("account");
    if (!(accountValue instanceof String account) || account.isBlank()) {
      throw new IllegalArgumentException("accounts[?].account: required (a name such as home)");
    }
    String prefix = "accounts[" + account + "].";
    if (!account.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          prefix + "account: use only letters, digits, '-' and '_' (it is part of bus addresses)");
    }
    Object rt = json.getValue("refreshToken");
    if (rt != null && !(rt instanceof String)) {
      throw new IllegalArgumentException(prefix + "refreshToken: must be a string");
    }
    String refreshToken = (String) rt;
    if (refreshToken != null && refreshToken.isBlank()) {
      refreshToken = null;
    }
    if (refreshToken != null && refreshToken.startsWith("${")) {
      throw new IllegalArgumentException(
          prefix + "refreshToken: unresolved environment reference (is the variable set?)");
    }
    String deviceId = deviceId(json.getValue("deviceId"), prefix);
    SimpliSafeEndpoints endpoints;
    CloudSocketOptions options;
    try {
      Object ep = json.getValue("endpoints");
      if (ep != null && !(ep instanceof JsonObject)) {
        throw new IllegalArgumentException("endpoints: must be an object");
      }
      endpoints = SimpliSafeEndpoints.fromJson((JsonObject) ep);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(prefix + e.getMessage());
    }
    try {
      Object so = json.getValue("socket");
      if (so != null && !(so instanceof JsonObject)) {
        throw new IllegalArgumentException("must be an object");
      }
      JsonObject socket = so == null ? new JsonObject() : ((JsonObject) so).copy();
      socket.put("vendor", SimpliSafeEventMapper.VENDOR).put("account", account);
      options = CloudSocketOptions.fromJson(socket);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(prefix + "socket: " + e.getMessage());
    }
    JsonObject keepalive;
    Object ka = json.getValue("keepalive");
    if (ka == null) {
      keepalive = new JsonObject();
    } else if (ka instanceof JsonObject k) {
      keepalive = k;
    } else {
      throw new IllegalArgumentException(prefix + "keepalive: must be an object");
    }
    long ping =
        nonNegative(
            keepalive.getValue("pingIntervalMs"),
            SimpliSafeSocket.DEFAULT_PING_INTERVAL_MS,
            prefix + "keepalive.pingIntervalMs");
    long silence =
        nonNegative(
            keepalive.getValue("silenceTimeoutMs"),
            SimpliSafeSocket.DEFAULT_SILENCE_TIMEOUT_MS,
            prefix + "keepalive.silenceTimeoutMs");
    if (ping > 0 && silence > 0 && silence <= ping) {
      throw new IllegalArgumentException(
          prefix
              + "keepalive.silenceTimeoutMs: must exceed pingIntervalMs (pongs are the traffic)");
    }
    long margin =
        nonNegative(
            json.getValue("refreshMarginMs"),
            AuthOptions.DEFAULT_REFRESH_MARGIN_MS,
            prefix + "refreshMarginMs");
    return new SimpliSafeConfig(
        account, refreshToken, deviceId, endpoints, ping, silence, margin, options);
  }

  private static long nonNegative(Object value, long def, String field) {
    if (value == null) {
      return def;
    }
    if (value instanceof Number n
        && n.doubleValue() >= 0
        && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    throw new IllegalArgumentException(field + ": must be a whole number >= 0 (milliseconds)");
  }

  /** The token store key of this account: {@code simplisafe/<account>}. */
  public String tokenKey() {
    return tokenKey(account);
  }

  /** The token store key of an account: {@code simplisafe/<account>}. */
  public static String tokenKey(String account) {
    return SimpliSafeEventMapper.VENDOR + "/" + account;
  }

  private static String deviceId(Object value, String prefix) {
    if (value == null) {
      return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }
    if (value instanceof String s) {
      try {
        return UUID.fromString(s).toString().toUpperCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException(prefix + "deviceId: must be a UUID");
  }

  @Override
  public String toString() {
    return "SimpliSafeConfig[account="
        + account
        + ", refreshToken="
        + (refreshToken == null ? "none" : "***")
        + ", endpoints="
        + endpoints
        + "]";
  }
}
