package io.cloudbus.bticino;

import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.config.ConfigDescription;
import io.cloudbus.core.config.ConfigField;
import io.cloudbus.core.config.ConfigReader;
import io.cloudbus.core.config.DemoAccount;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * One BTicino (Netatmo) account's configuration, as found in the service's {@code accounts} list:
 * {@code {"adapter":"bticino","account":"home","username":..,"password":..,"clientId"?:..,
 * "clientSecret":.., "endpoints"?:{"tokenUrl","apiBaseUrl","socketUrl"}, "socket"?:{...}}}.
 *
 * <p>Immutable, validated at construction against {@link #DESCRIPTION}. Errors are {@link
 * IllegalArgumentException}s naming the field ({@code accounts[home].clientSecret: required}) and
 * never showing a value. {@link #toString()} redacts the password and client secret. {@code socket}
 * takes every {@link CloudSocketOptions} field plus {@code silenceTimeoutMs}, {@code
 * resubscribeTimeoutMs} and {@code catchUpSize}.
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

  /**
   * The account fields (besides {@code adapter}, {@code account}, {@code socket}), the extra socket
   * fields and the demo account against the mock cloud, as {@link
   * BticinoAdapterProvider#description()} declares them; {@link #fromJson} checks them first.
   */
  public static final ConfigDescription DESCRIPTION =
      ConfigDescription.of(
              VENDOR,
              ConfigField.string("username", "the Netatmo account e-mail").asRequired(),
              ConfigField.string("password", "the Netatmo account password")
                  .asRequired()
                  .asSecret(),
              ConfigField.string("clientId", "the OAuth client id").withDefault(DEFAULT_CLIENT_ID),
              ConfigField.string("clientSecret", "the OAuth client secret (no default)")
                  .asRequired()
                  .asSecret(),
              ConfigField.string("scope", "the OAuth scope").withDefault(DEFAULT_SCOPE),
              ConfigField.string("appVersion", "the app version sent on subscribe")
                  .withDefault(DEFAULT_APP_VERSION),
              ConfigField.object(
                  "endpoints",
                  "the vendor URLs, e.g. to point at the mock cloud",
                  ConfigField.url("tokenUrl", "the OAuth token endpoint", "http", "https")
                      .withDefault(DEFAULT_TOKEN_URL),
                  ConfigField.url("apiBaseUrl", "the REST host", "http", "https")
                      .withDefault(DEFAULT_API_BASE_URL),
                  ConfigField.url("socketUrl", "the push WebSocket", "ws", "wss")
                      .withDefault(DEFAULT_SOCKET_URL)))
          .withSocketFields(
              ConfigField.integer("silenceTimeoutMs", "no inbound frame this long: dead socket")
                  .withRange(1, Long.MAX_VALUE)
                  .withDefault(DEFAULT_SILENCE_TIMEOUT_MS),
              ConfigField.integer("resubscribeTimeoutMs", "bound on a Subscribe's ack")
                  .withRange(1, Long.MAX_VALUE)
                  .withDefault(DEFAULT_RESUBSCRIBE_TIMEOUT_MS),
              ConfigField.integer("catchUpSize", "events asked per home after a (re)connect")
                  .withRange(1, Integer.MAX_VALUE)
                  .withDefault(DEFAULT_CATCH_UP_SIZE))
          .withDemoAccounts(
              new DemoAccount(
                  VENDOR,
                  new JsonObject(),
                  Map.of(
                      "username", "demo.username",
                      "password", "demo.password",
                      "clientId", "demo.clientId",
                      "clientSecret", "demo.clientSecret",
                      "endpoints.tokenUrl", "tokenUrl",
                      "endpoints.apiBaseUrl", "apiBaseUrl",
                      "endpoints.socketUrl", "socketUrl")));

  private BticinoConfig(JsonObject json) {
    Objects.requireNonNull(json, "config");
    String name = json.getValue("account") instanceof String s && !s.isBlank() ? s : "?";
    ConfigReader r = ConfigReader.of(json, "accounts[" + name + "]");
    String acc = r.string("account", true);
    if (acc != null && !acc.matches("[A-Za-z0-9_-]+")) {
      r.error("account", "use only letters, digits, '-' and '_' (it is part of bus addresses)");
    }
    JsonObject c = DESCRIPTION.check(r);
    ConfigReader socket = r.child("socket");
    JsonObject extras = socket.check(DESCRIPTION.socketFields());
    r.throwIfInvalid();
    this.account = acc;
    this.username = c.getString("username");
    this.password = c.getString("password");
    this.clientId = c.getString("clientId", DEFAULT_CLIENT_ID);
    this.clientSecret = c.getString("clientSecret");
    this.scope = c.getString("scope", DEFAULT_SCOPE);
    this.appVersion = c.getString("appVersion", DEFAULT_APP_VERSION);
    JsonObject endpoints = c.getJsonObject("endpoints", new JsonObject());
    this.tokenUrl = endpoints.getString("tokenUrl", DEFAULT_TOKEN_URL);
    this.apiBaseUrl = stripSlash(endpoints.getString("apiBaseUrl", DEFAULT_API_BASE_URL));
    this.socketUrl = endpoints.getString("socketUrl", DEFAULT_SOCKET_URL);
    this.silenceTimeoutMs = extras.getLong("silenceTimeoutMs", DEFAULT_SILENCE_TIMEOUT_MS);
    this.resubscribeTimeoutMs =
        extras.getLong("resubscribeTimeoutMs", DEFAULT_RESUBSCRIBE_TIMEOUT_MS);
    this.catchUpSize = extras.getInteger("catchUpSize", DEFAULT_CATCH_UP_SIZE);
    JsonObject core = extras;
    DESCRIPTION.socketFields().forEach(f -> core.remove(f.name()));
    core.put("vendor", VENDOR).put("account", account);
    try {
      this.socketOptions = CloudSocketOptions.fromJson(core);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(r.path("socket") + ": " + e.getMessage(), e);
    }
  }

  /** Parses and validates an account entry; see the class comment for the fields. */
  public static BticinoConfig fromJson(JsonObject json) {
    return new BticinoConfig(json);
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
