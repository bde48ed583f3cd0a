package io.cloudbus.client;

import io.cloudbus.client.impl.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which events a subscription receives: every field that is set must match, an unset field matches
 * anything. Immutable and thread-safe; build with {@link #all()} and the {@code with} methods, e.g.
 * {@code Filter.all().vendor("simplisafe").type("io.cloudbus.alarm")}.
 */
public final class Filter {

  private static final Filter ALL = new Filter(null, null, null);

  private final String vendor;
  private final String account;
  private final String type;

  private Filter(String vendor, String account, String type) {
    this.vendor = vendor;
    this.account = account;
    this.type = type;
  }

  /** Matches every event of the resource. */
  public static Filter all() {
    return ALL;
  }

  /** This filter, restricted to one vendor (e.g. {@code simplisafe}); null clears it. */
  public Filter vendor(String vendor) {
    return new Filter(blankToNull(vendor), account, type);
  }

  /** This filter, restricted to one account id; null clears it. */
  public Filter account(String account) {
    return new Filter(vendor, blankToNull(account), type);
  }

  /**
   * This filter, restricted to CloudEvents types starting with {@code prefix} (e.g. {@code
   * io.cloudbus.alarm} or {@code io.cloudbus.doorbell.ring}; the service also reads {@code alarm.}
   * as {@code io.cloudbus.alarm.}); null clears it.
   */
  public Filter type(String prefix) {
    return new Filter(vendor, account, blankToNull(prefix));
  }

  /** The vendor, or null for any. */
  public String vendor() {
    return vendor;
  }

  /** The account, or null for any. */
  public String account() {
    return account;
  }

  /** The type prefix, or null for any. */
  public String type() {
    return type;
  }

  /**
   * Whether {@code e} passes this filter, as the service decides it (the service filters; this is
   * for local use). A type prefix without {@code io.cloudbus.} also matches as if it had it.
   */
  public boolean matches(Event e) {
    return (vendor == null || vendor.equals(e.vendor()))
        && (account == null || account.equals(e.account()))
        && (type == null || typeMatches(e.type()));
  }

  private boolean typeMatches(String t) {
    if (t == null) {
      return false;
    }
    return t.startsWith(type) || (!type.startsWith(PREFIX) && t.startsWith(PREFIX + type));
  }

  private static final String PREFIX = "io.cloudbus.";

  /** The filter as a JSON-ready map holding only the fields that are set. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (vendor != null) {
      m.put("vendor", vendor);
    }
    if (account != null) {
      m.put("account", account);
    }
    if (type != null) {
      m.put("type", type);
    }
    return m;
  }

  /** The JSON object form, e.g. {@code {"vendor":"bticino"}}. */
  public String toJson() {
    return Json.write(toMap());
  }

  /**
   * Reads a filter object as the service echoes it; unknown members are ignored.
   *
   * @throws IllegalArgumentException if a known member is not a string
   */
  public static Filter fromMap(Map<String, Object> m) {
    if (m == null) {
      return ALL;
    }
    return new Filter(str(m, "vendor"), str(m, "account"), str(m, "type"));
  }

  private static String str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null || v instanceof String) {
      return blankToNull((String) v);
    }
    throw new IllegalArgumentException("filter." + key + " must be a string");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Filter f
        && Objects.equals(vendor, f.vendor)
        && Objects.equals(account, f.account)
        && Objects.equals(type, f.type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(vendor, account, type);
  }

  @Override
  public String toString() {
    return "Filter" + toJson();
  }
}
