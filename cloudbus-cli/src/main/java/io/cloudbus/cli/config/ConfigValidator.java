package io.cloudbus.cli.config;

import io.cloudbus.cluster.ClusterOptions;
import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.config.ConfigDescription;
import io.cloudbus.core.config.ConfigField;
import io.cloudbus.core.config.ConfigReader;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.service.ServiceLimits;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a parsed, environment-resolved configuration and builds the {@link GatewayConfig}. Every
 * problem is collected (not only the first), each naming its field, one error per field (the first
 * found: an unset environment variable is not reported again as a missing field); unknown fields
 * are errors. Besides each field's own range: no two listening ports may be equal, the token store
 * must be writable, and the per-account command rate must stay below every account's traffic guard.
 * Adapter-specific account fields are checked against the adapter's {@link ConfigDescription}
 * (found through its {@link AdapterProvider}; no adapter is known by name here), then by an {@link
 * ConfigLoader.AccountCheck} (in production: the adapter's own {@code AdapterProvider.create}).
 */
final class ConfigValidator {

  /** The service limits that can be configured, with their allowed range. */
  static final Map<String, long[]> LIMITS = limits();

  private static final Set<String> SOCKET_FIELDS = socketFields();

  private final Map<String, AdapterProvider> providers;
  private final ConfigLoader.AccountCheck accountCheck;
  private final Path baseDir;
  private final List<String> errors = new ArrayList<>();

  /**
   * @param providers the installed adapters by name; accounts are checked against their
   *     descriptions
   * @param accountCheck checks adapter fields of an account whose structure is valid
   * @param baseDir directory that relative paths are resolved against (the config file's)
   */
  ConfigValidator(
      Map<String, AdapterProvider> providers,
      ConfigLoader.AccountCheck accountCheck,
      Path baseDir) {
    this.providers = new TreeMap<>(providers);
    this.accountCheck = accountCheck;
    this.baseDir = baseDir;
  }

  GatewayConfig validate(JsonObject root, List<String> earlierErrors) throws ConfigException {
    errors.addAll(earlierErrors);
    ConfigReader top = ConfigReader.of(root, "", errors);
    ServiceOptions service = service(ConfigReader.of(top.object("service"), "service", errors));
    ConfigReader store = ConfigReader.of(top.object("tokenStore"), "tokenStore", errors);
    String storePath = store.string("path", false);
    Path tokenStorePath = storePath == null ? null : resolve(storePath);
    if (tokenStorePath != null) {
      checkWritable(store, tokenStorePath);
    }
    store.rejectUnknown();
    JournalOptions journal =
        JournalSection.parse(
            ConfigReader.of(top.object("journal"), "journal", errors), tokenStorePath, baseDir);
    if (service != null) {
      service = service.toBuilder().journal(journal).build();
    }
    List<JsonObject> accounts = accounts(top.array("accounts"));
    ClusterOptions cluster =
        top.has("cluster")
            ? ClusterSection.parse(
                ConfigReader.of(top.object("cluster"), "cluster", errors), errors)
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

  private ServiceOptions service(ConfigReader s) {
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
      ConfigReader t = ConfigReader.of(s.object("tls"), s.path("tls"), errors);
      Path cert = file(t, "certPath");
      Path key = file(t, "keyPath");
      t.rejectUnknown();
      if (cert != null && key != null) {
        json.put("tlsCertPath", cert.toString()).put("tlsKeyPath", key.toString());
      }
    }
    ConfigReader l = ConfigReader.of(s.object("limits"), s.path("limits"), errors);
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
      errors.add(s.path() + ": " + e.getMessage());
      return null;
    }
  }

  private Path file(ConfigReader s, String field) {
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
      ConfigReader a = ConfigReader.of(json, p, errors);
      String adapter = a.string("adapter", true);
      AdapterProvider provider = adapter == null ? null : providers.get(adapter);
      if (adapter != null && provider == null) {
        a.error(
            "adapter",
            "unknown adapter (installed: " + String.join(", ", providers.keySet()) + ")");
      }
      String account = a.string("account", true);
      if (account != null && !account.matches("[A-Za-z0-9_-]+")) {
        a.error("account", "use only letters, digits, '-' and '_' (it is part of bus addresses)");
      }
      String key = adapter + "/" + json.getValue("profile") + "/" + account;
      if (provider != null && account != null && !seen.add(key)) {
        a.error("account", "duplicate account for this adapter");
      }
      ConfigDescription description = provider == null ? null : describe(provider, json);
      if (a.has("socket")) {
        json.put("socket", socket(a.child("socket"), description));
      }
      JsonObject checked = description == null ? json : description.check(a);
      if (errors.size() == before) {
        try {
          accountCheck.check(checked.copy());
        } catch (IllegalArgumentException e) {
          errors.add(prefixed(p, e.getMessage()));
        }
      }
      accounts.add(checked);
    }
    return accounts;
  }

  /** The provider's description of this account; its plain one when it fails to describe it. */
  private static ConfigDescription describe(AdapterProvider provider, JsonObject account) {
    try {
      ConfigDescription d = provider.description(account.copy());
      return d != null ? d : ConfigDescription.undescribed(provider.name());
    } catch (RuntimeException e) {
      return ConfigDescription.undescribed(provider.name());
    }
  }

  /**
   * Validates the socket options ({@code CloudSocketOptions} fields plus the adapter's declared
   * socket fields) and returns them with numeric strings turned into numbers.
   */
  private JsonObject socket(ConfigReader s, ConfigDescription description) {
    Map<String, ConfigField> extras = new java.util.HashMap<>();
    if (description != null) {
      description.socketFields().forEach(f -> extras.put(f.name(), f));
    }
    JsonObject normalized = new JsonObject();
    JsonObject checked = new JsonObject().put("vendor", "v").put("account", "a");
    for (String name : s.fieldNames()) {
      if ("tls".equals(name)) {
        // {caFile?, pinSha256?}: the adapters' TLS trust (core TlsTrust checks it)
        JsonObject tls = s.object(name);
        try {
          io.cloudbus.core.TlsTrust.fromJson(tls);
          normalized.put(name, tls);
        } catch (IllegalArgumentException e) {
          // the messages name the field; no value (the file path) goes into them here
          String m = String.valueOf(e.getMessage());
          if (m.startsWith("tls.caFile")) {
            s.error("tls.caFile", "cannot be read as a PEM certificate file");
          } else if (m.startsWith("tls.pinSha256")) {
            s.error("tls.pinSha256", "must be 64 hex digits (colons allowed)");
          } else {
            s.error("tls", "expected {caFile?, pinSha256?} with at least one of them");
          }
        }
        continue;
      }
      if (!SOCKET_FIELDS.contains(name) && !extras.containsKey(name)) {
        continue;
      }
      long[] range =
          extras.containsKey(name)
              ? new long[] {extras.get(name).min(), extras.get(name).max()}
              : CloudSocketOptions.RANGES.getOrDefault(name, new long[] {1, Long.MAX_VALUE});
      long v = s.integer(name, Long.MIN_VALUE, range[0], range[1]);
      if (v != Long.MIN_VALUE) {
        normalized.put(name, v);
        if (SOCKET_FIELDS.contains(name)) {
          checked.put(name, v);
        }
      }
    }
    if (description == null || !description.open()) {
      s.rejectUnknown();
    }
    if (errors.stream().anyMatch(e -> e.startsWith(s.path() + "."))) {
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
              ? s.path() + "." + m.substring(0, space) + ":" + m.substring(space)
              : s.path() + ": " + m);
    }
    return normalized;
  }

  /**
   * The token store is written at every refresh: a path that cannot be written would only show at
   * run time, after a full login that is then lost at every restart.
   */
  private static void checkWritable(ConfigReader store, Path path) {
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
