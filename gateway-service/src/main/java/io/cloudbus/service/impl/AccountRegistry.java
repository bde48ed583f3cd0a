package io.cloudbus.service.impl;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.ConnectionState;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * What the service knows about each account: the last {@code cloudbus.status} body per
 * vendor/account, plus locally attached sockets (asked for their status when nothing was published
 * yet). Thread-safe.
 *
 * <p>Health: an account is <em>reachable</em> when its state is {@code connected} or {@code
 * paused}. {@code UP}: every account is {@code connected} (or there is no account); {@code
 * DEGRADED}: at least one reachable, but not all connected; {@code DOWN}: accounts exist and none
 * is reachable.
 */
final class AccountRegistry {

  private final Map<String, JsonObject> statuses = new ConcurrentHashMap<>();
  private final Map<String, CloudSocket> attached = new ConcurrentHashMap<>();
  private final BiConsumer<JsonObject, JsonObject> onChange;

  /** {@code onChange} gets (previous or null, current) for every accepted status. */
  AccountRegistry(BiConsumer<JsonObject, JsonObject> onChange) {
    this.onChange = onChange;
  }

  static String key(String vendor, String account) {
    return vendor + "/" + account;
  }

  /**
   * Records a published status. Returns the normalized entry, or throws {@link
   * IllegalArgumentException} for a body that is not a status (the caller counts it).
   */
  JsonObject accept(JsonObject body) {
    String vendor = body.getValue("vendor") instanceof String s ? s : null;
    String account = body.getValue("account") instanceof String s ? s : null;
    String state = body.getValue("state") instanceof String s ? s : null;
    if (vendor == null || account == null || state == null) {
      throw new IllegalArgumentException("status needs string vendor, account and state");
    }
    ConnectionState.fromWireName(state);
    JsonObject entry = body.copy();
    if (!entry.containsKey("since")) {
      entry.put("since", Instant.now().toString());
    }
    JsonObject previous = statuses.put(key(vendor, account), entry);
    onChange.accept(previous, entry);
    return entry;
  }

  void attach(CloudSocket socket) {
    attached.put(key(socket.vendor(), socket.account()), socket);
  }

  void detach(CloudSocket socket) {
    String key = key(socket.vendor(), socket.account());
    attached.remove(key, socket);
    statuses.remove(key);
  }

  /** The locally attached sockets. */
  Collection<CloudSocket> attachedSockets() {
    return attached.values();
  }

  /** The full last status of every known account (with reason, attempt, stats when given). */
  List<JsonObject> fullStatuses() {
    Map<String, JsonObject> all = new java.util.TreeMap<>();
    attached.forEach((key, socket) -> all.put(key, localStatus(socket)));
    all.putAll(statuses);
    List<JsonObject> list = new ArrayList<>(all.values());
    list.sort(
        Comparator.comparing((JsonObject j) -> j.getString("vendor"))
            .thenComparing(j -> j.getString("account")));
    return list;
  }

  /** Status fields an account item carries when the status has them: why, in words and codes. */
  private static final List<String> WHY =
      List.of("reason", "failureClass", "code", "attempt", "nextRetryMs", "gap");

  /** When the account's access token expires and was last refreshed (RFC 3339), when known. */
  private static final List<String> TOKEN_TIMES = List.of("tokenExpiresAt", "tokenRefreshedAt");

  /**
   * {@code [{vendor, account, state, since}]} sorted by vendor and account; plus {@code reason},
   * {@code failureClass}, {@code code}, {@code attempt}, {@code nextRetryMs} when the status has
   * them, {@code node} (the owning cluster node) when the status named one, and {@code
   * tokenExpiresAt}, {@code tokenRefreshedAt} when the account's auth handler knows them.
   */
  List<JsonObject> accounts() {
    List<JsonObject> list = new ArrayList<>();
    for (JsonObject s : fullStatuses()) {
      JsonObject a =
          new JsonObject()
              .put("vendor", s.getString("vendor"))
              .put("account", s.getString("account"))
              .put("state", s.getString("state"))
              .put("since", s.getValue("since"));
      for (String field : WHY) {
        if (s.getValue(field) != null) {
          a.put(field, s.getValue(field));
        }
      }
      if (s.getValue("node") instanceof String node) {
        a.put("node", node);
      }
      for (String field : TOKEN_TIMES) {
        if (s.getValue(field) instanceof String time) {
          a.put(field, time);
        }
      }
      list.add(a);
    }
    return list;
  }

  /** {@code {status, accounts}}; see the class comment for the rule. */
  JsonObject health() {
    List<JsonObject> accounts = accounts();
    long connected =
        accounts.stream().filter(a -> "connected".equals(a.getString("state"))).count();
    long reachable =
        accounts.stream()
            .filter(
                a ->
                    "connected".equals(a.getString("state"))
                        || "paused".equals(a.getString("state")))
            .count();
    String status;
    if (connected == accounts.size()) {
      status = "UP";
    } else if (reachable > 0) {
      status = "DEGRADED";
    } else {
      status = "DOWN";
    }
    return new JsonObject().put("status", status).put("accounts", accounts);
  }

  private static JsonObject localStatus(CloudSocket socket) {
    try {
      JsonObject s = socket.status();
      if (s != null && s.getString("state") != null) {
        return s.copy().put("vendor", socket.vendor()).put("account", socket.account());
      }
    } catch (RuntimeException e) {
      // a socket without status support yet counts as offline
    }
    return new JsonObject()
        .put("vendor", socket.vendor())
        .put("account", socket.account())
        .put("state", ConnectionState.OFFLINE.wireName())
        .put("since", Instant.now().toString());
  }
}
