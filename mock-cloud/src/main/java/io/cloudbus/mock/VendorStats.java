package io.cloudbus.mock;

import io.vertx.core.json.JsonObject;

/**
 * One vendor's counters, reported by {@code GET /admin/stats} and zeroed by reset. Thread-safe. The
 * machinery counts {@value #CONNECTIONS} (accepted WebSocket upgrades), {@value #HANDSHAKES}
 * ({@link MockSocket#handshakeDone()}), {@value #LOGINS} and {@value #REFRESHES} (token authority),
 * {@value #PUSHED} ({@link MockSocket#push}), {@value #REJECTED_UPGRADES} and {@value #REST_CALLS};
 * emulations add their own names.
 */
public interface VendorStats {
  String CONNECTIONS = "connections";
  String HANDSHAKES = "handshakes";
  String LOGINS = "logins";
  String REFRESHES = "refreshes";
  String PUSHED = "pushed";
  String REJECTED_UPGRADES = "rejectedUpgrades";
  String REST_CALLS = "restCalls";

  /** Adds one to counter {@code name} (created at 0 when new). */
  default void increment(String name) {
    add(name, 1);
  }

  /** Adds {@code delta} to counter {@code name}. */
  void add(String name, long delta);

  /** The value of counter {@code name} (0 when unknown). */
  long get(String name);

  /** Every counter, the five standard ones always present. */
  JsonObject toJson();
}
