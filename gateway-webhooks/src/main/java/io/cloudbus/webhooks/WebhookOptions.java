package io.cloudbus.webhooks;

import io.cloudbus.core.config.Redacted;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Set;

/**
 * One entry of the {@code webhooks:} list: where matching events are POSTed and how. Immutable,
 * validated at construction ({@link IllegalArgumentException} naming the field, never quoting the
 * secret), JSON round-trippable ({@link #toJson()} holds the secret). Defaults are the {@code
 * DEFAULT_*} constants.
 */
public final class WebhookOptions {

  public static final String DEFAULT_MODE = "structured";
  public static final long DEFAULT_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_RETRY_INITIAL_DELAY_MS = 1_000;
  public static final long DEFAULT_RETRY_MAX_DELAY_MS = 300_000;
  public static final int DEFAULT_MAX_ATTEMPTS = 20;
  public static final int DEFAULT_MAX_PENDING = 10_000;
  public static final int MIN_SECRET_LENGTH = 16;
  public static final int MAX_NAME_LENGTH = 64;

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "url",
          "secret",
          "filter",
          "mode",
          "timeoutMs",
          "retryInitialDelayMs",
          "retryMaxDelayMs",
          "maxAttempts",
          "maxPending");

  private final String name;
  private final String url;
  private final String secret;
  private final String vendor;
  private final String account;
  private final String type;
  private final String mode;
  private final long timeoutMs;
  private final long retryInitialDelayMs;
  private final long retryMaxDelayMs;
  private final int maxAttempts;
  private final int maxPending;

  private WebhookOptions(JsonObject json) {
    for (String f : json.fieldNames()) {
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException(f + ": unknown field");
      }
    }
    url = string(json, "url");
    if (url == null) {
      throw new IllegalArgumentException("url: required (http:// or https://)");
    }
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null || !Set.of("http", "https").contains(uri.getScheme())) {
        throw new IllegalArgumentException("url: expected an absolute http(s) URL");
      }
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("url: not a valid URL");
    }
    String n = string(json, "name");
    if (n != null
        && (n.isEmpty()
            || n.length() > MAX_NAME_LENGTH
            || !n.chars()
                .allMatch(
                    c ->
                        Character.isLetterOrDigit(c) && c < 128
                            || c == '.'
                            || c == '_'
                            || c == '-'))) {
      throw new IllegalArgumentException(
          "name: 1 to " + MAX_NAME_LENGTH + " letters, digits, '.', '_' or '-'");
    }
    name = n == null ? WebhookNames.defaultName(url) : n;
    secret = string(json, "secret");
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "secret: required, at least " + MIN_SECRET_LENGTH + " characters");
    }
    Object f = json.getValue("filter");
    if (f != null && !(f instanceof JsonObject)) {
      throw new IllegalArgumentException("filter: expected {vendor, account, type}");
    }
    JsonObject filter = f == null ? new JsonObject() : (JsonObject) f;
    for (String k : filter.fieldNames()) {
      if (!Set.of("vendor", "account", "type").contains(k)) {
        throw new IllegalArgumentException("filter." + k + ": unknown field");
      }
    }
    vendor = filterField(filter, "vendor");
    account = filterField(filter, "account");
    type = filterField(filter, "type");
    String m = string(json, "mode");
    mode = m == null ? DEFAULT_MODE : m;
    if (!mode.equals("structured") && !mode.equals("binary")) {
      throw new IllegalArgumentException("mode: structured or binary");
    }
    timeoutMs = number(json, "timeoutMs", DEFAULT_TIMEOUT_MS, 100, 600_000);
    retryInitialDelayMs =
        number(json, "retryInitialDelayMs", DEFAULT_RETRY_INITIAL_DELAY_MS, 10, 3_600_000);
    retryMaxDelayMs = number(json, "retryMaxDelayMs", DEFAULT_RETRY_MAX_DELAY_MS, 10, 86_400_000);
    if (retryMaxDelayMs < retryInitialDelayMs) {
      throw new IllegalArgumentException("retryMaxDelayMs: must be >= retryInitialDelayMs");
    }
    maxAttempts = (int) number(json, "maxAttempts", DEFAULT_MAX_ATTEMPTS, 1, 1_000_000);
    maxPending = (int) number(json, "maxPending", DEFAULT_MAX_PENDING, 1, 1_000_000);
  }

  /**
   * @throws IllegalArgumentException naming the first bad field
   */
  public static WebhookOptions fromJson(JsonObject json) {
    return new WebhookOptions(json == null ? new JsonObject() : json);
  }

  public JsonObject toJson() {
    JsonObject filter = new JsonObject();
    if (vendor != null) {
      filter.put("vendor", vendor);
    }
    if (account != null) {
      filter.put("account", account);
    }
    if (type != null) {
      filter.put("type", type);
    }
    return new JsonObject()
        .put("name", name)
        .put("url", url)
        .put("secret", secret)
        .put("filter", filter)
        .put("mode", mode)
        .put("timeoutMs", timeoutMs)
        .put("retryInitialDelayMs", retryInitialDelayMs)
        .put("retryMaxDelayMs", retryMaxDelayMs)
        .put("maxAttempts", maxAttempts)
        .put("maxPending", maxPending);
  }

  /**
   * Whether {@code event} passes the filter: vendor and account equal, type a prefix of the
   * CloudEvents type (with or without {@code io.cloudbus.}), as {@code /ws} filters.
   */
  public boolean matches(JsonObject event) {
    if (vendor != null && !vendor.equals(event.getValue("vendor"))) {
      return false;
    }
    if (account != null && !account.equals(event.getValue("account"))) {
      return false;
    }
    if (type != null) {
      String t = event.getValue("type") instanceof String s ? s : "";
      return t.startsWith(type) || t.startsWith("io.cloudbus." + type);
    }
    return true;
  }

  /**
   * The webhook's name: in {@code /metrics} labels, logs and the key of its delivery cursor in the
   * journal ({@code webhook:<name>}). Defaults to the URL's host, a {@code -} and 8 hex digits of a
   * hash of the whole URL (never the URL's path, query or credentials).
   */
  public String name() {
    return name;
  }

  public String url() {
    return url;
  }

  public String secret() {
    return secret;
  }

  /** {@code structured} (the whole CloudEvent as the body) or {@code binary} (ce- headers). */
  public String mode() {
    return mode;
  }

  public long timeoutMs() {
    return timeoutMs;
  }

  public long retryInitialDelayMs() {
    return retryInitialDelayMs;
  }

  public long retryMaxDelayMs() {
    return retryMaxDelayMs;
  }

  /** Attempts per event before it is dead-lettered (counted and skipped). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Events waiting per account; beyond it the oldest are dead-lettered. */
  public int maxPending() {
    return maxPending;
  }

  @Override
  public String toString() {
    return Redacted.of("WebhookOptions", toJson().put("url", Redacted.url(url)), "secret");
  }

  private static String string(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException(field + ": expected a string");
    }
    return (String) v;
  }

  private static String filterField(JsonObject filter, String field) {
    Object v = filter.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException("filter." + field + ": expected a string");
    }
    return v == null || ((String) v).isEmpty() ? null : (String) v;
  }

  private static long number(JsonObject json, String field, long def, long min, long max) {
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
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + ": must be between " + min + " and " + max);
    }
    return value;
  }
}
