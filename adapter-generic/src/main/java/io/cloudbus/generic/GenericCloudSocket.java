package io.cloudbus.generic;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.ReplyCorrelation;
import io.cloudbus.core.SocketSession;
import io.cloudbus.generic.VendorProfile.Command;
import io.cloudbus.generic.VendorProfile.Keepalive;
import io.cloudbus.generic.VendorProfile.TokenSource;
import io.cloudbus.generic.impl.JsonPointer;
import io.cloudbus.generic.impl.ProfileCorrelation;
import io.cloudbus.generic.impl.ProfileEventMapper;
import io.cloudbus.generic.impl.ProfileHandshake;
import io.cloudbus.generic.impl.ProfileParams;
import io.cloudbus.generic.impl.StateResync;
import io.cloudbus.generic.impl.Template;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A {@link CloudSocket} configured entirely by a {@link VendorProfile}: URL and headers, auth
 * (static token, OAuth2 through an {@link AuthHandler}, message handshake), subscribe steps after
 * every (re)connect, keepalive, correlation, mapping rules and named commands. No vendor code: the
 * shipped profiles {@code home-assistant} and {@code pylight} are plain resources.
 *
 * <p>Commands on {@code cloudbus.command.<vendor>.<account>}: {@code {"action":"send",
 * "message":{...}}} sends a raw message (awaiting the correlated reply when the profile
 * correlates), and {@code {"action":"<command>", ...}} renders the profile's command of that name
 * against the request. Threading and failure modes are those of {@link CloudSocket}.
 */
public class GenericCloudSocket extends CloudSocket {

  private final VendorProfile profile;

  /** {@code vendor}, {@code account}, {@code config}; never changed after the constructor. */
  private final JsonObject vars;

  private final String staticToken;
  private final ProfileCorrelation correlation;
  private final ProfileEventMapper mapper;
  private final KeepalivePolicy keepalive;

  /** The token last templated into a URL or header (socket context only), to redact it. */
  private String lastToken;

  /**
   * @param options core options (vendor and account name the bus addresses)
   * @param auth creates the OAuth2 handler for an {@code oauth2} profile (the base creates it at
   *     start and closes it at stop), else null
   * @param profile the validated profile
   * @param config the resolved parameters ({@link #resolveConfig}); a static token is read from it
   * @param keepaliveOverride {@code {"intervalMs":..,"timeoutMs":..}} replacing the profile's
   *     keepalive timings (tests use short ones), or null
   */
  public GenericCloudSocket(
      CloudSocketOptions options,
      Supplier<? extends AuthHandler> auth,
      VendorProfile profile,
      JsonObject config,
      JsonObject keepaliveOverride) {
    super(options, auth);
    this.profile = profile;
    this.vars =
        new JsonObject()
            .put("vendor", options.vendor())
            .put("account", options.account())
            .put("config", config.copy());
    this.staticToken =
        profile.auth().token() == TokenSource.STATIC
            ? config.getString(profile.auth().tokenParam())
            : null;
    if (profile.auth().token() == TokenSource.OAUTH2 && auth == null) {
      throw new IllegalArgumentException(
          "profile " + profile.vendor() + " needs an AuthHandler factory");
    }
    this.correlation =
        profile.correlation() == null ? null : new ProfileCorrelation(profile.correlation());
    // vars is never changed after this constructor (withToken copies it): the mapper shares it
    this.mapper = ProfileEventMapper.sharing(profile, options.vendor(), options.account(), vars);
    this.keepalive = keepalivePolicy(profile.keepalive(), keepaliveOverride, vars);
    if ("home-assistant".equals(profile.vendor()) && correlation != null) {
      // HA keeps no event history, but reports every entity's current state: compare after
      // each reconnect (docs/delivery.md)
      StateResync resync = new StateResync(options.vendor(), options.account());
      onEvent(resync::seen);
      onConnectAsync(
          () ->
              sendMessage(new JsonObject().put("type", "get_states"))
                  .compose(
                      reply ->
                          reply.getValue("result") instanceof JsonArray states
                              ? publish(resync.diff(states))
                              : Future.succeededFuture())
                  .recover(err -> Future.succeededFuture()));
    }
  }

  /**
   * Resolves the profile's parameters from an account config; see {@link GenericAdapterProvider}.
   */
  public static JsonObject resolveConfig(VendorProfile profile, JsonObject account, String label) {
    return ProfileParams.resolve(profile, account, label);
  }

  public VendorProfile profile() {
    return profile;
  }

  /**
   * Runs a named profile command (or {@code send}) with {@code args}; same as the bus command
   * {@code {"action":action, ...args}}. Completes with {@code {"reply":<the vendor's reply>}} (or
   * {@code {"sent":true}} for a profile without correlation); fails with {@link
   * VendorReplyException} on an error reply, or after the reply timeout.
   */
  public Future<JsonObject> command(String action, JsonObject args) {
    return handleCommand(args.copy().put("action", action));
  }

  // ---------------------------------------------------------------- hooks

  @Override
  protected Future<WebSocketConnectOptions> connectOptions(AccessToken token) {
    JsonObject v = withToken(token);
    String url = wsUrl(profile.url().renderString(null, v));
    WebSocketConnectOptions o;
    try {
      o = new WebSocketConnectOptions().setAbsoluteURI(url);
    } catch (RuntimeException e) {
      // the parser's message quotes the whole URL, secrets included: never pass it on
      return Future.failedFuture(
          CloudbusException.configuration(
              "connection.url: the rendered URL is not a valid URI (check the characters of"
                  + " the parameters it uses)"));
    }
    for (Map.Entry<String, Template> h : profile.headers().entrySet()) {
      o.addHeader(h.getKey(), h.getValue().renderString(null, v));
    }
    if (profile.auth().header() != null) {
      o.addHeader("Authorization", profile.auth().header().renderString(null, v));
    }
    return Future.succeededFuture(o);
  }

  /**
   * Hides every secret that a template can put into the URL (the token and each parameter the
   * profile marks {@code secret}, raw and URL-encoded), wherever it appears, then drops query and
   * fragment as the base does.
   */
  @Override
  protected String redactUri(String uri) {
    String out = uri;
    for (String secret : secretValues()) {
      out = out.replace(secret, "***");
      String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
      if (!encoded.equals(secret)) {
        out = out.replace(encoded, "***");
      }
    }
    return super.redactUri(out);
  }

  private List<String> secretValues() {
    List<String> secrets = new ArrayList<>();
    if (lastToken != null) {
      secrets.add(lastToken);
    }
    if (staticToken != null) {
      secrets.add(staticToken);
    }
    JsonObject config = vars.getJsonObject("config");
    for (VendorProfile.Param p : profile.params().values()) {
      if (p.secret() && config.getValue(p.name()) instanceof String s) {
        secrets.add(s);
      }
    }
    secrets.removeIf(String::isEmpty);
    // longest first: a secret that contains another is hidden whole
    secrets.sort((a, b) -> b.length() - a.length());
    return secrets;
  }

  @Override
  protected Future<Void> handshake(SocketSession session, AccessToken token) {
    mapper.newConnection();
    return new ProfileHandshake(
            profile, correlation, Duration.ofMillis(options().handshakeTimeoutMs()))
        .run(session, withToken(token));
  }

  @Override
  protected List<CloudbusEvent> toEvents(JsonObject message) {
    return mapper.toEvents(message);
  }

  @Override
  protected KeepalivePolicy keepalive() {
    return keepalive;
  }

  @Override
  protected ReplyCorrelation correlation() {
    return correlation;
  }

  /** A {@code home-assistant} account keeps its entities' state ({@link HomeAssistantDevices}). */
  @Override
  protected Future<Void> doStart() {
    if ("home-assistant".equals(profile.vendor())) {
      HomeAssistantDevices.attach(this, devices());
    }
    return Future.succeededFuture();
  }

  @Override
  protected java.util.List<io.cloudbus.core.CommandAction> commandActions() {
    java.util.List<io.cloudbus.core.CommandAction> actions =
        new java.util.ArrayList<>(super.commandActions());
    profile
        .commands()
        .values()
        .forEach(
            c -> {
              java.util.List<String> required =
                  c.required().stream().map(p -> p.toString().substring(1)).toList();
              actions.add(
                  new io.cloudbus.core.CommandAction(
                      c.name(),
                      "the profile's " + c.name(),
                      required,
                      required,
                      java.util.List.of()));
            });
    return actions;
  }

  @Override
  protected Future<JsonObject> handleCommand(JsonObject command) {
    String action = command.getString("action");
    if ("send".equals(action)) {
      Object message = command.getValue("message");
      if (!(message instanceof JsonObject m)) {
        return Future.failedFuture(new IllegalArgumentException("message: required JSON object"));
      }
      return deliver(m.copy());
    }
    Command c = action == null ? null : profile.commands().get(action);
    if (c == null) {
      TreeSet<String> known = new TreeSet<>(profile.commands().keySet());
      known.add("send");
      return Future.failedFuture(
          new IllegalArgumentException(
              "action: unknown action '"
                  + action
                  + "' for "
                  + vendor()
                  + " (known: "
                  + known
                  + ")"));
    }
    for (JsonPointer p : c.required()) {
      if (p.get(command) == null) {
        return Future.failedFuture(
            new IllegalArgumentException(action + ": " + p + " is required"));
      }
    }
    return deliver(c.message().renderObject(command, vars));
  }

  private Future<JsonObject> deliver(JsonObject message) {
    if (correlation != null) {
      return sendMessage(message).map(reply -> new JsonObject().put("reply", reply));
    }
    return send(message).map(v -> new JsonObject().put("sent", true));
  }

  // ---------------------------------------------------------------- helpers

  private JsonObject withToken(AccessToken token) {
    String t = token != null ? token.accessToken() : staticToken;
    lastToken = t;
    JsonObject v = vars.copy();
    if (t != null) {
      v.put("token", t);
    }
    return v;
  }

  /**
   * What is wrong with the URL that {@code profile} builds from the account's parameters {@code
   * config}, or null when it is a usable ws(s) or http(s) URL: checked when the account is
   * configured, so that {@code cloudbus check} reports what the first connection would otherwise
   * stop on. The token, which only exists at connection time, is rendered as a placeholder. The
   * answer never quotes the URL (it may carry secrets).
   */
  public static String connectionUrlProblem(
      VendorProfile profile, String vendor, String account, JsonObject config) {
    JsonObject vars =
        new JsonObject()
            .put("vendor", vendor)
            .put("account", account)
            .put("config", config)
            .put("token", "token");
    List<String> params =
        profile.url().variables().stream()
            .filter(v -> v.startsWith("config."))
            .map(v -> v.substring("config.".length()))
            .distinct()
            .toList();
    String from = params.isEmpty() ? "" : " (built from " + String.join(", ", params) + ")";
    String url;
    try {
      url = wsUrl(profile.url().renderString(null, vars));
    } catch (CloudbusException e) {
      return "must be a ws://, wss://, http:// or https:// URL";
    }
    try {
      new WebSocketConnectOptions().setAbsoluteURI(url);
      if (new URI(url).getHost() == null) {
        return "the connection URL" + from + " has no host";
      }
      return null;
    } catch (URISyntaxException | RuntimeException e) {
      return "the connection URL" + from + " is not a valid URI (check their characters)";
    }
  }

  /** http(s) base URLs are accepted for ws(s) sockets, as Digital Alchemy's BASE_URL is. */
  static String wsUrl(String url) {
    String u = url;
    if (u.startsWith("http://")) {
      u = "ws://" + u.substring(7);
    } else if (u.startsWith("https://")) {
      u = "wss://" + u.substring(8);
    }
    int authority = u.indexOf("://");
    if (authority < 0 || !(u.startsWith("ws://") || u.startsWith("wss://"))) {
      throw CloudbusException.configuration("url must be ws://, wss://, http:// or https://");
    }
    int path = u.indexOf('/', authority + 3);
    if (path > 0) {
      // A base URL with a trailing slash would give "//api/websocket".
      u = u.substring(0, path) + u.substring(path).replaceAll("/{2,}", "/");
    }
    return u;
  }

  private static KeepalivePolicy keepalivePolicy(
      Keepalive k, JsonObject override, JsonObject vars) {
    long interval = k.intervalMs();
    long timeout = k.timeoutMs();
    if (override != null) {
      interval = override.getLong("intervalMs", interval);
      timeout = override.getLong("timeoutMs", timeout);
    }
    return switch (k.mode()) {
      case NONE -> KeepalivePolicy.none();
      case FRAMES -> KeepalivePolicy.pingFrames(interval, timeout);
      case MESSAGE ->
          KeepalivePolicy.appMessage(
              interval, timeout, () -> k.message().renderObject(null, vars), k.reply());
    };
  }
}
