package io.cloudbus.simplisafe;

import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.config.ConfigDescription;
import io.cloudbus.core.config.ConfigField;
import io.cloudbus.core.config.ConfigReader;
import io.cloudbus.core.config.DemoAccount;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
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
 * Immutable. The fields are declared once, in {@link #DESCRIPTION}. Validation errors name the
 * field ({@code accounts[home].socket: ...}) and never contain a secret value. {@link #toString()}
 * hides the refresh token.
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

  /**
   * The account fields (besides {@code adapter}, {@code account}, {@code socket}) and the demo
   * account against the mock cloud: what {@link SimpliSafeAdapterProvider#description()} declares
   * and what {@link #fromJson} checks first.
   */
  public static final ConfigDescription DESCRIPTION =
      ConfigDescription.of(
              SimpliSafeEventMapper.VENDOR,
              ConfigField.string(
                      "refreshToken",
                      "the refresh token from cloudbus login simplisafe; optional when the token"
                          + " store has one")
                  .asSecret(),
              ConfigField.string("deviceId", "the device id sent on authorize (a UUID)")
                  .withDefault("a random UUID"),
              ConfigField.object(
                  "endpoints",
                  "the vendor URLs, e.g. to point at the mock cloud",
                  ConfigField.url("authBaseUrl", "the Auth0 tenant", "http", "https")
                      .withDefault(SimpliSafeEndpoints.DEFAULT_AUTH_BASE_URL),
                  ConfigField.url("apiBaseUrl", "the REST host", "http", "https")
                      .withDefault(SimpliSafeEndpoints.DEFAULT_API_BASE_URL),
                  ConfigField.url("socketUrl", "the push WebSocket", "ws", "wss")
                      .withDefault(SimpliSafeEndpoints.DEFAULT_SOCKET_URL)),
              ConfigField.object(
                  "keepalive",
                  "WebSocket pings and the silence watchdog",
                  ConfigField.integer("pingIntervalMs", "ping interval; 0 sends none")
                      .withRange(0, Long.MAX_VALUE)
                      .withDefault(SimpliSafeSocket.DEFAULT_PING_INTERVAL_MS),
                  ConfigField.integer("silenceTimeoutMs", "silence watchdog; 0 disables it")
                      .withRange(0, Long.MAX_VALUE)
                      .withDefault(SimpliSafeSocket.DEFAULT_SILENCE_TIMEOUT_MS)),
              ConfigField.integer("refreshMarginMs", "refresh this long before the token expires")
                  .withRange(0, Long.MAX_VALUE)
                  .withDefault(AuthOptions.DEFAULT_REFRESH_MARGIN_MS))
          .withDemoAccounts(
              new DemoAccount(
                  SimpliSafeEventMapper.VENDOR,
                  new JsonObject(),
                  Map.of(
                      "refreshToken", "demoRefreshToken",
                      "endpoints.authBaseUrl", "authBaseUrl",
                      "endpoints.apiBaseUrl", "apiBaseUrl",
                      "endpoints.socketUrl", "socketUrl")));

  /**
   * Parses and validates an account configuration.
   *
   * @throws IllegalArgumentException naming every bad field ({@code accounts[home].deviceId:
   *     expected a UUID}), never a value
   */
  public static SimpliSafeConfig fromJson(JsonObject json) {
    if (json == null) {
      throw new IllegalArgumentException("accounts[?]: configuration is required");
    }
    String name = json.getValue("account") instanceof String s && !s.isBlank() ? s : "?";
    ConfigReader r = ConfigReader.of(json, "accounts[" + name + "]");
    String account = r.string("account", true);
    if (account != null && !account.matches("[A-Za-z0-9_-]+")) {
      r.error("account", "use only letters, digits, '-' and '_' (it is part of bus addresses)");
    }
    JsonObject checked = DESCRIPTION.check(r);
    String refreshToken = checked.getValue("refreshToken") instanceof String t ? t : null;
    if (refreshToken != null && refreshToken.isBlank()) {
      refreshToken = null;
    }
    if (refreshToken != null && refreshToken.startsWith("${")) {
      r.error("refreshToken", "unresolved environment reference (is the variable set?)");
    }
    String deviceId = deviceId(r, checked.getValue("deviceId"));
    JsonObject keepalive = checked.getJsonObject("keepalive", new JsonObject());
    long ping = keepalive.getLong("pingIntervalMs", SimpliSafeSocket.DEFAULT_PING_INTERVAL_MS);
    long silence =
        keepalive.getLong("silenceTimeoutMs", SimpliSafeSocket.DEFAULT_SILENCE_TIMEOUT_MS);
    if (ping > 0 && silence > 0 && silence <= ping) {
      r.error("keepalive.silenceTimeoutMs", "must exceed pingIntervalMs (pongs are the traffic)");
    }
    long margin = checked.getLong("refreshMarginMs", AuthOptions.DEFAULT_REFRESH_MARGIN_MS);
    JsonObject socket = r.object("socket");
    r.throwIfInvalid();
    SimpliSafeEndpoints endpoints;
    CloudSocketOptions options;
    try {
      endpoints = SimpliSafeEndpoints.fromJson(checked.getJsonObject("endpoints"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(r.path() + "." + e.getMessage(), e);
    }
    try {
      options =
          CloudSocketOptions.fromJson(
              socket.copy().put("vendor", SimpliSafeEventMapper.VENDOR).put("account", account));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(r.path("socket") + ": " + e.getMessage(), e);
    }
    return new SimpliSafeConfig(
        account, refreshToken, deviceId, endpoints, ping, silence, margin, options);
  }

  /** The token store key of this account: {@code simplisafe/<account>}. */
  public String tokenKey() {
    return tokenKey(account);
  }

  /** The token store key of an account: {@code simplisafe/<account>}. */
  public static String tokenKey(String account) {
    return SimpliSafeEventMapper.VENDOR + "/" + account;
  }

  private static String deviceId(ConfigReader r, Object value) {
    if (value == null) {
      return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }
    try {
      return UUID.fromString(String.valueOf(value)).toString().toUpperCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      r.error("deviceId", "expected a UUID");
      return null;
    }
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
