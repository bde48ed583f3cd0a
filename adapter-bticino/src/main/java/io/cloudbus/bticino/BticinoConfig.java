package io.cloudbus.bticino;

import io.cloudbus.core.CloudSocketOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Objects;

/**
 * One BTicino (Netatmo) account's configuration, as found in the service's {@code accounts} list:
 * {@code {"adapter":"bticino","account":"home","username":..,"password":..,"clientId"?:..,
 * "clientSecret":.., "endpoints"?:{"tokenUrl","apiBaseUrl","socketUrl"}, "socket"?:{...}}}.
 *
 * <p>Immutable, validated at construction. Errors are {@link IllegalArgumentException}s naming the
 * field ({@code accounts[home].clientSecret: required}) and never showing a value. {@link
 * #toString()} redacts the password and client secret. {@code socket} takes every {@link
 * CloudSocketOptions} field plus {@code silenceTimeoutMs}, {@code resubscribeTimeoutMs} and {@code
 * catchUpSize}.
 */
public final class BticinoConfig {

  public static final String VENDOR = "bticino";

  /** The official Android app's public client id; the secret has no default. */
  public static final String DEFAULT_CLIENT_ID = "na_client_android_welcome";

  public static final String DEFAULT_SCOPE = "security_scopes";
  public static final String DEFAULT_APP_VERSION = "4.1.1.3";
  public static final String DEFAULT_TOKEN_URL = "https://app.netatmo.net/oauth2/token";
  public static final String DEFAULT_API_BASE_URL = "https://app.netatmo.net";
  public static final String DEFAULT_SOCKET_URL = "wss://app-ws.netatmo.net/ws/";

  /**
   * No inbound frame at all (server pings included) for this long means a dead socket. The server
   * pings every ~20 s, so 90 s is four missed pings; application silence alone proves nothing.
   */
  public static final long DEFAULT_SILENCE_TIMEOUT_MS = 90_000;

  /** Bound on waiting for the ack of a Subscribe (pybticino waits 30 s too). */
  public static final long DEFAULT_RESUBSCRIBE_TIMEOUT_MS = 30_000;

  /** Events asked per home from {@code getevents} after every (re)connect (the app asks 20). */
  public static final int DEFAULT_CATCH_UP_SIZE = 20;

  private final String account;
  private final String username;
  private final String password;
  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private final String appVersion;
  private final String tokenUrl;
  private final String apiBaseUrl;
  private final String socketUrl;
  private final long silenceTimeoutMs;
  private final long resubscribeTimeoutMs;
  private final int catchUpSize;
  private final CloudSocketOptions socketOptions;

  private BticinoConfig(JsonObject json) {
    Objects.requireNonNull(json, "config");
    String acc = json.getValue("account") instanceof String s ? s : null;
    String prefix = "accounts[" + (acc == null ? "?" : acc) + "].";
    this.account = required(json, "account", prefix);
    if (!account.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          prefix + "account: must use only letters, digits, '-' and '_' (part of bus addresses)");
    }
    this.username = required(json, "username", prefix);
    this.password = required(json, "password", prefix);
    this.clientId = optional(json, "clientId", DEFAULT_CLIENT_ID, prefix);
    this.clientSecret = required(json, "clientSecret", prefix);
    this.scope = optional(json, "scope", DEFAULT_SCOPE, prefix);
    this.appVersion = optional(json, "appVersion", DEFAULT_APP_VERSION, prefix);
    JsonObject endpoints = object(json, "endpoints", prefix);
    this.tokenUrl = url(endpoints, "tokenUrl", DEFAULT_TOKEN_URL, prefix + "endpoints.", "http");
    this.apiBaseUrl =
        stripSlash(
            url(endpoints, "apiBaseUrl", DEFAULT_API_BASE_URL, prefix + "endpoints.", "http"));
    this.socketUrl = url(endpoints, "socketUrl", DEFAULT_SOCKET_URL, prefix + "endpoints.", "ws");
    JsonObject socket = object(json, "socket", prefix).copy();
    this.silenceTimeoutMs =
        number(socket, "silenceTimeoutMs", DEFAULT_SILENCE_TIMEOUT_MS, prefix + "socket.");
    this.resubscribeTimeoutMs =
        number(socket, "resubscribeTimeoutMs", DEFAULT_RESUBSCRIBE_TIMEOUT_MS, prefix + "socket.");
    this.catchUpSize =
        (int) number(socket, "catchUpSize", DEFAULT_CATCH_UP_SIZE, prefix + "socket.");
    socket.put("vendor", VENDOR).put("account", account);
    try {
      this.socketOptions = CloudSocketOptions.fromJson(socket);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(prefix + "socket: " + e.getMessage(), e);
    }
  }

  /** Parses and validates an account entry; see the class comment for the fields. */
  public static BticinoConfig fromJson(JsonObject json) {
    return new BticinoConfig(json);
  }

  private static String required(JsonObject json, String field, String prefix) {
    Object v = json.getValue(field);
    if (v == null) {
      throw new IllegalArgumentException(prefix + field + ": required");
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(prefix + field + ": must be a non-empty string");
    }
    return s;
  }

  private static String optional(JsonObject json, String field, String def, String prefix) {
    return json.getValue(field) == null ? def : required(json, field, prefix);
  }

  private static JsonObject object(JsonObject json, String field, String prefix) {
    Object v = json.getValue(field);
    if (v == null) {
      return new JsonObject();
    }
    if (!(v instanceof JsonObject o)) {
      throw new IllegalArgumentException(prefix + field + ": must be an object");
    }
    return o;
  }

  private static String url(
      JsonObject json, String field, String def, String prefix, String schemeFamily) {
    String value = optional(json, field, def, prefix);
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals(schemeFamily) || scheme.equals(schemeFamily + "s"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            prefix + field + ": must be an absolute " + schemeFamily + "(s) URL");
      }
      return value;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(prefix + field + ": not a valid URL");
    }
  }

  private static long number(JsonObject json, String field, long def, String prefix) {
    Object v = json.remove(field);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Number n) || n.longValue() <= 0) {
      throw new IllegalArgumentException(prefix + field + ": must be a positive number");
    }
    return n.longValue();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public String account() {
    return account;
  }

  public String username() {
    return username;
  }

  /** The account password (secret: never log). */
  public String password() {
    return password;
  }

  public String clientId() {
    return clientId;
  }

  /** The OAuth client secret (secret: never log). */
  public String clientSecret() {
    return clientSecret;
  }

  public String scope() {
    return scope;
  }

  public String appVersion() {
    return appVersion;
  }

  public String tokenUrl() {
    return tokenUrl;
  }

  /** Without a trailing slash, e.g. {@code https://app.netatmo.net}. */
  public String apiBaseUrl() {
    return apiBaseUrl;
  }

  public String socketUrl() {
    return socketUrl;
  }

  public long silenceTimeoutMs() {
    return silenceTimeoutMs;
  }

  public long resubscribeTimeoutMs() {
    return resubscribeTimeoutMs;
  }

  public int catchUpSize() {
    return catchUpSize;
  }

  /** The core socket options (vendor {@code bticino}, this account). */
  public CloudSocketOptions socketOptions() {
    return socketOptions;
  }

  /** The token store key of this account: {@code bticino/<account>}. */
  public String tokenKey() {
    return VENDOR + "/" + account;
  }

  @Override
  public String toString() {
    return "BticinoConfig[account="
        + account
        + ", username="
        + username
        + ", clientId="
        + clientId
        + ", password=***, clientSecret=***, tokenUrl="
        + tokenUrl
        + ", apiBaseUrl="
        + apiBaseUrl
        + ", socketUrl="
        + socketUrl
        + "]";
  }
}
