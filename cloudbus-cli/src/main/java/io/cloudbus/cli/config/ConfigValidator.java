package io.cloudbus.cli.config;

import io.cloudbus.cluster.ClusterOptions;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.service.ServiceLimits;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a parsed, environment-resolved configuration and builds the {@link GatewayConfig}. Every
 * problem is collected (not only the first), each naming its field, one error per field (the first
 * found: an unset environment variable is not reported again as a missing field); unknown fields
 * are errors. Besides each field's own range: no two listening ports may be equal, the token store
 * must be writable, and the per-account command rate must stay below every account's traffic guard.
 * Adapter-specific account fields are checked by an {@link ConfigLoader.AccountCheck} (in
 * production: the adapter's own {@code AdapterProvider.create}).
 */
final class ConfigValidator {

  /** The service limits that can be configured, with their allowed range. */
  static final Map<String, long[]> LIMITS = limits();

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
    ServiceOptions service = service(new Section(top.object("service"), "service", errors));
    Section store = new Section(top.object("tokenStore"), "tokenStore", errors);
    String storePath = store.string("path", false);
    Path tokenStorePath = storePath == null ? null : resolve(storePath);
    if (tokenStorePath != null) {
      checkWritable(store, tokenStorePath);
    }
    store.rejectUnknown();
    JournalOptions journal =
        JournalSection.parse(
            new Section(top.object("journal"), "journal", errors), tokenStorePath, baseDir);
    if (service != null) {
      service = service.toBuilder().journal(journal).build();
    }
    List<JsonObject> accounts = accounts(top.array("accounts"));
    ClusterOptions cluster =
        top.has("cluster")
            ? ClusterSection.parse(new Section(top.object("cluster"), "cluster", errors), errors)
            : null;
    top.rejectUnknown();
    if (service != null) {
      Ports.checkDistinct(service, cluster, errors);
      commandRateBelowTrafficGuards(service, accounts);
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(onePerField(errors));
    }
    return new GatewayConfig(service, tokenStorePath, accounts, cluster);
  }

  private ServiceOptions service(Section s) {
    JsonObject json = new JsonObject();
    String host = s.string("host", false);
    if (host != null) {
      json.put("host", host.isBlank() ? ServiceOptions.DEFAULT_HOST : host);
    }
    json.put("httpPort", s.integer("httpPort", ServiceOptions.DEFAULT_HTTP_PORT, 0, 65535));
    json.put("tcpPort", s.integer("tcpPort", ServiceOptions.DEFAULT_TCP_PORT, -1, 65535));
    json.put("tokens", TokensSection.parse(s.array("tokens"), s.path("tokens"), errors));
    if (s.has("allowedOrigins")) {
      JsonArray origins = new JsonArray();
      JsonArray list = s.array("allowedOrigins");
      for (int i = 0; i < list.size(); i++) {
        if (list.getValue(i) instanceof String origin && origin.equals(origin.trim())) {
          origins.add(origin);
        } else {
          s.error("allowedOrigins[" + i + "]", "expected an origin such as https://host:8443");
        }
      }
      json.put("allowedOrigins", origins);
    }
    if (s.has("tls")) {
      Section t = new Section(s.object("tls"), s.path("tls"), errors);
      Path cert = file(t, "certPath");
      Path key = file(t, "keyPath");
      t.rejectUnknown();
      if (cert != null && key != null) {
        json.put("tlsCertPath", cert.toString()).put("tlsKeyPath", key.toString());
      }
    }
    Section l = new Section(s.object("limits"), s.path("limits"), errors);
    for (Map.Entry<String, long[]> e : LIMITS.entrySet()) {
      // an invalid value is reported by the field alone, not once more by ServiceOptions
      long v = l.integer(e.getKey(), Long.MIN_VALUE, e.getValue()[0], e.getValue()[1]);
      if (v != Long.MIN_VALUE) {
        json.put(e.getKey(), v);
      }
    }
    l.rejectUnknown();
    s.rejectUnknown();
    try {
      return ServiceOptions.fromJson(json);
    } catch (IllegalArgumentException e) {
      errors.add(s.base() + ": " + e.getMessage());
      return null;
    }
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
        adapter = null;
      }
      String account = a.string("account", true);
      if (account != null && !account.matches("[A-Za-z0-9_-]+")) {
        a.error("account", "use only letters, digits, '-' and '_' (it is part of bus addresses)");
      }
      String key = adapter + "/" + json.getValue("profile") + "/" + account;
      if (adapter != null && account != null && !seen.add(key)) {
        a.error("account", "duplicate account for this adapter");
      }
      if (a.has("endpoints")) {
        endpoints(new Section(a.object("endpoints"), a.path("endpoints"), errors), adapter);
      }
      if (a.has("socket")) {
        Section socket = new Section(a.object("socket"), a.path("socket"), errors);
        json.put("socket", socket(socket, adapter));
      }
      Set<String> fields =
          adapter == null ? null : AdapterFields.topLevel(adapter, json.getValue("profile"));
      if (fields != null) {
        a.allow(fields.toArray(String[]::new));
        a.rejectUnknown();
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

  private void endpoints(Section e, String adapter) {
    Set<String> known = adapter == null ? null : AdapterFields.endpoints(adapter);
    for (String name : e.fieldNamesForCheck()) {
      if (known != null && !known.contains(name)) {
        continue;
      }
      String url = e.string(name, true);
      if (url != null && !isAbsoluteUrl(url)) {
        e.error(name, "expected an absolute http(s) or ws(s) URL");
      }
    }
    if (known != null) {
      e.rejectUnknown();
    }
  }

  /** Validates the socket options and returns them with numeric strings turned into numbers. */
  private JsonObject socket(Section s, String adapter) {
    Set<String> extras = adapter == null ? Set.of() : AdapterFields.socketExtras(adapter);
    JsonObject normalized = new JsonObject();
    JsonObject checked = new JsonObject().put("vendor", "v").put("account", "a");
    for (String name : s.fieldNamesForCheck()) {
      if (!SOCKET_FIELDS.contains(name) && !extras.contains(name)) {
        continue;
      }
      long[] range = CloudSocketOptions.RANGES.getOrDefault(name, new long[] {1, Long.MAX_VALUE});
      long v = s.integer(name, Long.MIN_VALUE, range[0], range[1]);
      if (v != Long.MIN_VALUE) {
        normalized.put(name, v);
        if (SOCKET_FIELDS.contains(name)) {
          checked.put(name, v);
        }
      }
    }
    s.rejectUnknown();
    if (errors.stream().anyMatch(e -> e.startsWith(s.base() + "."))) {
      // a field out of its range is reported once, by its name
      return normalized;
    }
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

  /**
   * The token store is written at every refresh: a path that cannot be written would only show at
   * run time, after a full login that is then lost at every restart.
   */
  private static void checkWritable(Section store, Path path) {
    if (Files.isDirectory(path)) {
      store.error("path", "is a directory; expected a file name");
      return;
    }
    if (Files.exists(path)) {
      if (!Files.isWritable(path)) {
        store.error("path", "the file is not writable");
      }
      return;
    }
    Path dir = path.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      store.error("path", "the directory does not exist");
    } else if (!Files.isWritable(dir)) {
      store.error("path", "the directory is not writable");
    }
  }

  /**
   * A burst of commands to one account (a full per-account bucket plus the refill of one traffic
   * window) must stay below the account's traffic guard warn rate, so that clients can never make
   * it trip; only accounts that change their socket's traffic settings can fail this.
   */
  private void commandRateBelowTrafficGuards(ServiceOptions service, List<JsonObject> accounts) {
    long perMinute = service.limits().commandsPerMinutePerAccount();
    for (int i = 0; i < accounts.size(); i++) {
      JsonObject socket = accounts.get(i).getJsonObject("socket");
      if (socket == null) {
        continue;
      }
      long window = socket.getLong("trafficWindowMs", CloudSocketOptions.DEFAULT_TRAFFIC_WINDOW_MS);
      long warn =
          socket.getLong(
              "trafficWarnPerSec", (long) CloudSocketOptions.DEFAULT_TRAFFIC_WARN_PER_SEC);
      double burst = perMinute + perMinute * window / 60_000.0;
      if (burst > warn * window / 1000.0) {
        errors.add(
            "service.limits.commandsPerMinutePerAccount: "
                + perMinute
                + " could trip the traffic guard of accounts["
                + i
                + "] (socket.trafficWarnPerSec "
                + warn
                + " over socket.trafficWindowMs "
                + window
                + "); lower it or raise the account's traffic limits");
      }
    }
  }

  /** The first error of each field (the text before ": "), in order. */
  private static List<String> onePerField(List<String> errors) {
    Map<String, String> byField = new java.util.LinkedHashMap<>();
    for (String e : errors) {
      int colon = e.indexOf(": ");
      byField.putIfAbsent(colon > 0 ? e.substring(0, colon) : e, e);
    }
    return List.copyOf(byField.values());
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

  private static Map<String, long[]> limits() {
    Map<String, long[]> limits = new java.util.LinkedHashMap<>();
    limits.put("maxFrameBytes", new long[] {256, 64L << 20});
    limits.put("maxClients", new long[] {1, 1_000_000});
    limits.put("clientQueueHighWaterMark", new long[] {1, 10_000_000});
    limits.put("recentEventsSize", new long[] {1, 1_000_000});
    limits.put("bridgePingTimeoutMs", new long[] {1_000, 3_600_000});
    limits.putAll(ServiceLimits.RANGES);
    return java.util.Collections.unmodifiableMap(limits);
  }

  private static Set<String> socketFields() {
    Set<String> fields =
        new HashSet<>(CloudSocketOptions.builder("v", "a").build().toJson().fieldNames());
    fields.remove("vendor");
    fields.remove("account");
    return Set.copyOf(fields);
  }
}
