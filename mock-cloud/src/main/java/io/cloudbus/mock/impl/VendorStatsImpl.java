package io.cloudbus.mock.impl;

import io.cloudbus.mock.VendorStats;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** {@link VendorStats} on lock-free adders: REST calls count on WireMock threads. */
final class VendorStatsImpl implements VendorStats {
  private static final List<String> STANDARD =
      List.of(CONNECTIONS, HANDSHAKES, LOGINS, REFRESHES, PUSHED);

  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  @Override
  public void add(String name, long delta) {
    counters.computeIfAbsent(name, n -> new LongAdder()).add(delta);
  }

  @Override
  public long get(String name) {
    LongAdder adder = counters.get(name);
    return adder == null ? 0 : adder.sum();
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    STANDARD.forEach(name -> json.put(name, get(name)));
    new TreeMap<>(counters).forEach((name, adder) -> json.put(name, adder.sum()));
    return json;
  }

  void reset() {
    counters.clear();
  }
}
