package io.cloudbus.core;

/**
 * Why an operation against a vendor cloud failed. Each class has its own retry policy in {@link
 * CloudSocket}: see docs/architecture.md.
 */
public enum FailureClass {
  /** The configuration is wrong (bad URL, missing field): retrying cannot help. */
  CONFIGURATION,
  /** Credentials or grant refused (bad password, revoked refresh token): no blind retry. */
  AUTH,
  /** The vendor throttles us (HTTP 429, or 403 where the vendor uses it so): long backoff. */
  RATE_LIMITED,
  /** Network error, timeout, 5xx, protocol hiccup: retry with exponential backoff. */
  TRANSIENT;

  /** The lowercase wire name of status bodies, e.g. {@code rate_limited}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
