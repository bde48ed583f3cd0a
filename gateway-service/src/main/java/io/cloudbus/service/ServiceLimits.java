package io.cloudbus.service;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bounds that keep hostile or broken clients from costing the service more than a fixed amount:
 * connection counts, deadlines and command rates. Immutable, validated at construction (an {@link
 * IllegalArgumentException} names the field and its range), JSON round-trippable with flat field
 * names (the {@code service.limits} keys of the configuration). Units are in the names; defaults
 * are the {@code DEFAULT_*} constants; {@link #RANGES} holds every field's allowed range.
 *
 * @param authTimeoutMs a TCP bridge connection that has not authenticated by then is closed (only
 *     when tokens are configured); default {@value #DEFAULT_AUTH_TIMEOUT_MS}
 * @param maxPendingClients TCP bridge connections that have not authenticated yet; they do not
 *     count toward {@code maxClients}; default {@value #DEFAULT_MAX_PENDING_CLIENTS}
 * @param idleTimeoutMs an HTTP connection with no traffic either way for this long is closed
 *     (WebSocket connections are pinged well within it); default {@value #DEFAULT_IDLE_TIMEOUT_MS}
 * @param requestHeaderTimeoutMs a request whose headers have not all arrived by then is answered
 *     408 and its connection closed (slow loris); default {@value
 *     #DEFAULT_REQUEST_HEADER_TIMEOUT_MS}
 * @param maxHeaderBytes the request headers together; above it the answer is 431; default {@value
 *     #DEFAULT_MAX_HEADER_BYTES}
 * @param maxInitialLineBytes the request line (method, path, query); above it the answer is 414;
 *     default {@value #DEFAULT_MAX_INITIAL_LINE_BYTES}
 * @param maxConnections open HTTP connections (of any kind); one over it is refused; default
 *     {@value #DEFAULT_MAX_CONNECTIONS}
 * @param commandsPerMinutePerClient commands one client (connection, or token for REST) may send;
 *     default {@value #DEFAULT_COMMANDS_PER_MINUTE_PER_CLIENT}
 * @param commandsPerMinutePerAccount commands all clients together may send to one account; default
 *     {@value #DEFAULT_COMMANDS_PER_MINUTE_PER_ACCOUNT}, at most {@value
 *     #MAX_COMMANDS_PER_MINUTE_PER_ACCOUNT} (below the adapters' traffic guard)
 */
public record ServiceLimits(
    long authTimeoutMs,
    int maxPendingClients,
    long idleTimeoutMs,
    long requestHeaderTimeoutMs,
    int maxHeaderBytes,
    int maxInitialLineBytes,
    int maxConnections,
    int commandsPerMinutePerClient,
    int commandsPerMinutePerAccount) {

  public static final long DEFAULT_AUTH_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_MAX_PENDING_CLIENTS = 64;
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 120_000;
  public static final long DEFAULT_REQUEST_HEADER_TIMEOUT_MS = 10_000;
  public static final int DEFAULT_MAX_HEADER_BYTES = 8_192;
  public static final int DEFAULT_MAX_INITIAL_LINE_BYTES = 4_096;
  public static final int DEFAULT_MAX_CONNECTIONS = 2_048;
  public static final int DEFAULT_COMMANDS_PER_MINUTE_PER_CLIENT = 30;
  public static final int DEFAULT_COMMANDS_PER_MINUTE_PER_ACCOUNT = 60;

  /** The highest {@code commandsPerMinutePerAccount}: 20 commands/s sustained, 1200 at once. */
  public static final int MAX_COMMANDS_PER_MINUTE_PER_ACCOUNT = 1_200;

  /** Every field with its allowed range {@code {min, max}}, in declaration order. */
  public static final Map<String, long[]> RANGES = ranges();

  public ServiceLimits {
    check("authTimeoutMs", authTimeoutMs);
    check("maxPendingClients", maxPendingClients);
    check("idleTimeoutMs", idleTimeoutMs);
    check("requestHeaderTimeoutMs", requestHeaderTimeoutMs);
    check("maxHeaderBytes", maxHeaderBytes);
    check("maxInitialLineBytes", maxInitialLineBytes);
    check("maxConnections", maxConnections);
    check("commandsPerMinutePerClient", commandsPerMinutePerClient);
    check("commandsPerMinutePerAccount", commandsPerMinutePerAccount);
  }

  /** Every limit at its default. */
  public static ServiceLimits defaults() {
    return new ServiceLimits(
        DEFAULT_AUTH_TIMEOUT_MS,
        DEFAULT_MAX_PENDING_CLIENTS,
        DEFAULT_IDLE_TIMEOUT_MS,
        DEFAULT_REQUEST_HEADER_TIMEOUT_MS,
        DEFAULT_MAX_HEADER_BYTES,
        DEFAULT_MAX_INITIAL_LINE_BYTES,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_COMMANDS_PER_MINUTE_PER_CLIENT,
        DEFAULT_COMMANDS_PER_MINUTE_PER_ACCOUNT);
  }

  /** The JSON form, one field per limit. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("authTimeoutMs", authTimeoutMs)
        .put("maxPendingClients", maxPendingClients)
        .put("idleTimeoutMs", idleTimeoutMs)
        .put("requestHeaderTimeoutMs", requestHeaderTimeoutMs)
        .put("maxHeaderBytes", maxHeaderBytes)
        .put("maxInitialLineBytes", maxInitialLineBytes)
        .put("maxConnections", maxConnections)
        .put("commandsPerMinutePerClient", commandsPerMinutePerClient)
        .put("commandsPerMinutePerAccount", commandsPerMinutePerAccount);
  }

  /**
   * Reads the fields of {@link #RANGES} from {@code json} (other fields are ignored: the caller
   * checks for unknown ones); a missing field takes its default. Throws {@link
   * IllegalArgumentException} naming the field for a wrong type or a value out of range.
   */
  public static ServiceLimits fromJson(JsonObject json) {
    JsonObject d = defaults().toJson();
    for (String field : RANGES.keySet()) {
      Object v = json.getValue(field);
      if (v != null && !(v instanceof Number)) {
        throw new IllegalArgumentException(field + " must be a whole number");
      }
      if (v != null) {
        d.put(field, ((Number) v).longValue());
      }
    }
    return new ServiceLimits(
        d.getLong("authTimeoutMs"),
        intField(d, "maxPendingClients"),
        d.getLong("idleTimeoutMs"),
        d.getLong("requestHeaderTimeoutMs"),
        intField(d, "maxHeaderBytes"),
        intField(d, "maxInitialLineBytes"),
        intField(d, "maxConnections"),
        intField(d, "commandsPerMinutePerClient"),
        intField(d, "commandsPerMinutePerAccount"));
  }

  private static int intField(JsonObject json, String field) {
    long v = json.getLong(field);
    check(field, v);
    return (int) v;
  }

  private static void check(String field, long value) {
    long[] range = RANGES.get(field);
    if (value < range[0] || value > range[1]) {
      throw new IllegalArgumentException(
          field + " must be " + range[0] + ".." + range[1] + ": " + value);
    }
  }

  private static Map<String, long[]> ranges() {
    Map<String, long[]> r = new LinkedHashMap<>();
    r.put("authTimeoutMs", new long[] {500, 600_000});
    r.put("maxPendingClients", new long[] {1, 100_000});
    r.put("idleTimeoutMs", new long[] {1_000, 86_400_000});
    r.put("requestHeaderTimeoutMs", new long[] {100, 600_000});
    r.put("maxHeaderBytes", new long[] {1_024, 1 << 20});
    r.put("maxInitialLineBytes", new long[] {256, 1 << 20});
    r.put("maxConnections", new long[] {1, 1_000_000});
    r.put("commandsPerMinutePerClient", new long[] {1, 1_000_000});
    // A full bucket plus 5 s of refill stays below the traffic guard's default warn rate (300/s
    // over 5 s): no client can make the guard trip (see CommandLimiter).
    r.put("commandsPerMinutePerAccount", new long[] {1, MAX_COMMANDS_PER_MINUTE_PER_ACCOUNT});
    return java.util.Collections.unmodifiableMap(r);
  }
}
