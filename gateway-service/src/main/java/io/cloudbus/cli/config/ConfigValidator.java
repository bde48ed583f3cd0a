package io.cloudbus.cli.config;

import io.cloudbus.core.CloudSocketOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a parsed, environment-resolved configuration and builds the {@link GatewayConfig}. Every
 * problem is collected (not only the first), each naming its field; unknown fields are errors.
 * Adapter-specific account fields are checked by an {@link ConfigLoader.AccountCheck} (in
 * production: the adapter's own {@code AdapterProvider.create}).
 */
final class ConfigValidator {

  static final Set<String> ROLES = Set.of("read", "command");

  /** The service limits that can be configured, with their allowed range. */
  static final Map<String, long[]> LIMITS =
      Map.of(
          "maxConnections", new long[] {1, 1_000_000},
          "maxFrameBytes", new long[] {256, 64L << 20},
          "recentEvents", new long[] {1, 1_000_000},
          "maxEventsLimit", new long[] {1, 1_000_000});

  private static final Set<String> SOCKET_FIELDS = socketFields();

  private final Set<String> adapters;
  private final ConfigLoader.AccountCheck accountCheck;
  private final Path baseDir;
  private final List<String> errors = new ArrayList<>();

  /**
   * @param adapters the names of the installed adapters
   * @param accountCheck checks adapter fields of an account whose structure is valid
   * @param baseDir directory that relative paths are resolved against (the config file's)
   */
  ConfigValidator(Set<String> adapters, ConfigLoader.AccountCheck accountCheck, Path baseDir) {
    this.adapters = new TreeSet<>(adapters);
    this.accountCheck = accountCheck;
    this.baseDir = baseDir;
  }

  GatewayConfig validate(JsonObject root, List<String> earlierErrors) throws ConfigException {
    errors.addAll(earlierErrors);
    Section top = new Section(root, "", errors);
    GatewayConfig.Service service = service(new Section(top.object("service"), "service", errors));
    Section store = new Section(top.object("tokenStore"), "tokenStore", errors);
    String storePath = store.string("path", false);
    store.rejectUnknown();
    List<JsonObject> accounts = accounts(top.array("accounts"));
    top.rejectUnknown();
    if (!errors.isEmpty()) {
      throw new ConfigException(List.copyOf(new LinkedHashSet<>(errors)));
    }
    Path tokenStorePath = storePath == null ? null : resolve(storePath);
    return new GatewayConfig(service, tokenStorePath, accounts);
  }

  private GatewayConfig.Service service(Section s) {
    String host = s.string("host", false);
    int httpPort = (int) s.integer("httpPort", GatewayConfig.DEFAULT_HTTP_PORT, 0, 65535);
    int tcpPort = (int) s.integer("tcpPort", GatewayConfig.DEFAULT_TCP_PORT, 0, 65535);
    List<GatewayConfig.ApiToken> tokens = tokens(s.array("tokens"), s.path("tokens"));
    GatewayConfig.Tls tls = null;
    if (s.has("tls")) {
      Section t = new Section(s.object("tls"), s.path("tls"), errors);
      Path cert = file(t, "certPath");
      Path key = file(t, "keyPath");
      t.rejectUnknown();
      tls = new GatewayConfig.Tls(cert, key);
    }
    JsonObject limitsJson = s.object("limits");
    Section l = new Section(limitsJson, s.path("limits"), errors);
    JsonObject limits = new JsonObject();
    for (Map.Entry<String, long[]> e : LIMITS.entrySet()) {
      if (l.has(e.getKey())) {
        limits.put(e.getKey(), l.integer(e.getKey(), 0, e.getValue()[0], e.getValue()[1]));
      }
    }
    l.rejectUnknown();
    s.rejectUnknown();
    return new GatewayConfig.Service(
        host == null || host.isBlank() ? GatewayConfig.DEFAULT_HOST : host,
        httpPort,
        tcpPort,
        tokens,
        tls,
        limits);
  }

  private List<GatewayConfig.ApiToken> tokens(JsonArray array, String path) {
    List<GatewayConfig.ApiToken> tokens = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String p = path + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject json)) {
        errors.add(p + ": expected an object {token, roles}");
        continue;
      }
      Section t = new Section(json, p, errors);
      String token = t.string("token", true);
      if (token != null && !seen.add(token)) {
        t.error("token", "duplicate of an earlier token");
      }
      Set<String> roles = new LinkedHashSet<>();
      JsonArray rolesJson = t.has("roles") ? t.array("roles") : new JsonArray().add("read");
      for (int r = 0; r < rolesJson.size(); r++) {
        Object role = rolesJson.getValue(r);
        if (role instanceof String name && ROLES.contains(name)) {
          roles.add(name);
        } else {
          errors.add(t.path("roles") + "[" + r + "]: unknown role (use read or command)");
        }
      }
      t.rejectUnknown();
      if (token != null) {
        tokens.add(new GatewayConfig.ApiToken(token, roles));
      }
    }
    return tokens;
  }

  private Path file(Section s, String field) {
    String value = s.string(field, true);
    if (value == null) {
      return null;
    }
    Path path = resolve(value);
    if (!Files.isReadable(path)) {
      s.error(field, "file not found or not readable");
    }
    return path;
  }

  private List<JsonObject> accounts(JsonArray array) {
    List<JsonObject> accounts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String p = "accounts[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject json)) {
        errors.add(p + ": expected an object");
        continue;
      }
      int before = errors.size();
      Section a = new Section(json, p, errors);
      String adapter = a.string("adapter", true);
      if (adapter != null && !adapters.contains(adapter)) {
        a.error("adapter", "unknown adapter (installed: " + String.join(", ", adapters) + ")");
      }
      String account = a.string("account", true);
      if (account != null && !account.matches("[A-Za-z0-9_-]+")) {
        a.error("account", "use only letters, digits, '-' and '_' (it is part of bus addresses)");
      }
      String key = adapter + "/" + json.getValue("profile") + "/" + account;
      if (adapter != null && account != null && !seen.add(key)) {
        a.error("account", "duplicate account for this adapter");
      }
      endpoints(new Section(a.object("endpoints"), a.path("endpoints"), errors));
      if (a.has("socket")) {
        json.put("socket", socket(new Section(a.object("socket"), a.path("socket"), errors)));
      }
      if (errors.size() == before) {
        try {
          accountCheck.check(json.copy());
        } catch (IllegalArgumentException e) {
          errors.add(prefixed(p, e.getMessage()));
        }
      }
      accounts.add(json);
    }
    return accounts;
  }

  private void endpoints(Section e) {
    for (String name : e.fieldNamesForCheck()) {
      String url = e.string(name, true);
      if (url != null && !isAbsoluteUrl(url)) {
        e.error(name, "expected an absolute http(s) or ws(s) URL");
      }
    }
  }

  /** Validates the socket options and returns them with numeric strings turned into numbers. */
  private JsonObject socket(Section s) {
    JsonObject normalized = new JsonObject();
    JsonObject checked = new JsonObject().put("vendor", "v").put("account", "a");
    for (String name : s.fieldNamesForCheck()) {
      if (!SOCKET_FIELDS.contains(name)) {
        continue;
      }
      long v = s.integer(name, Long.MIN_VALUE, 1, Long.MAX_VALUE);
      if (v != Long.MIN_VALUE) {
        checked.put(name, v);
        normalized.put(name, v);
      }
    }
    s.rejectUnknown();
    try {
      CloudSocketOptions.fromJson(checked);
    } catch (IllegalArgumentException | ClassCastException e) {
      String m = String.valueOf(e.getMessage());
      int space = m.indexOf(' ');
      errors.add(
          space > 0
              ? s.base() + "." + m.substring(0, space) + ":" + m.substring(space)
              : s.base() + ": " + m);
    }
    return normalized;
  }

  private static boolean isAbsoluteUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      return uri.getHost() != null
          && scheme != null
          && Set.of("http", "https", "ws", "wss").contains(scheme.toLowerCase());
    } catch (Exception e) {
      return false;
    }
  }

  private Path resolve(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
  }

  private static String prefixed(String accountPath, String message) {
    String m = message == null ? "invalid" : message;
    if (m.startsWith("accounts[")) {
      int dot = m.indexOf("].");
      int colon = m.indexOf(':');
      if (dot > 0 && (colon < 0 || dot < colon)) {
        return accountPath + m.substring(dot + 1);
      }
      return m;
    }
    return m.matches("^[A-Za-z0-9_.\\[\\]-]+:.*") ? accountPath + "." + m : accountPath + ": " + m;
  }

  private static Set<String> socketFields() {
    Set<String> fields =
        new HashSet<>(CloudSocketOptions.builder("v", "a").build().toJson().fieldNames());
    fields.remove("vendor");
    fields.remove("account");
    return Set.copyOf(fields);
  }
}
