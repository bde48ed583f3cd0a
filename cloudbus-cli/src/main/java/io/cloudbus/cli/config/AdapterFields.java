package io.cloudbus.cli.config;

import io.cloudbus.generic.VendorProfile;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The account fields each bundled adapter reads, so that a misspelt field is reported by name
 * instead of being silently ignored (adapters themselves only check the fields they know). Kept in
 * step with the adapters' config classes and docs/configuration.md. An adapter not listed here (a
 * third-party one) gets no unknown-field check beyond its own.
 */
final class AdapterFields {

  private static final Map<String, Set<String>> TOP =
      Map.of(
          "simplisafe",
          Set.of(
              "adapter",
              "account",
              "endpoints",
              "socket",
              "refreshToken",
              "deviceId",
              "keepalive",
              "refreshMarginMs"),
          "bticino",
          Set.of(
              "adapter",
              "account",
              "endpoints",
              "socket",
              "username",
              "password",
              "clientId",
              "clientSecret",
              "scope",
              "appVersion"),
          "generic",
          Set.of("adapter", "account", "socket", "profile", "keepalive"));

  private static final Map<String, Set<String>> ENDPOINTS =
      Map.of(
          "simplisafe", Set.of("authBaseUrl", "apiBaseUrl", "socketUrl"),
          "bticino", Set.of("tokenUrl", "apiBaseUrl", "socketUrl"));

  private static final Map<String, Set<String>> SOCKET_EXTRA =
      Map.of("bticino", Set.of("silenceTimeoutMs", "resubscribeTimeoutMs", "catchUpSize"));

  private AdapterFields() {}

  /**
   * The top-level fields of an account of {@code adapter}, or null when unknown (no check). For
   * {@code generic} the profile's params are added; null when the profile cannot be loaded (the
   * adapter then reports the profile itself).
   */
  static Set<String> topLevel(String adapter, Object profile) {
    Set<String> fields = TOP.get(adapter);
    if (fields == null || !adapter.equals("generic")) {
      return fields;
    }
    if (!(profile instanceof String ref) || ref.isBlank()) {
      return null;
    }
    try {
      Set<String> all = new HashSet<>(fields);
      all.addAll(VendorProfile.load(ref).params().keySet());
      return all;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The endpoint names of {@code adapter}, or null when unknown (no check). */
  static Set<String> endpoints(String adapter) {
    return ENDPOINTS.get(adapter);
  }

  /** Socket fields of {@code adapter} beyond the {@code CloudSocketOptions} ones. */
  static Set<String> socketExtras(String adapter) {
    return SOCKET_EXTRA.getOrDefault(adapter, Set.of());
  }
}
