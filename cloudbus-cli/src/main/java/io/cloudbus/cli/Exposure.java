package io.cloudbus.cli;

import io.cloudbus.service.BindAddress;
import io.cloudbus.service.ServiceOptions;

/**
 * The rule that keeps a configuration from serving the network without authentication: a
 * non-loopback {@code service.host} needs {@code service.tokens}, or {@code --insecure-no-auth}.
 * {@code run} refuses to start and {@code check} reports it, with the same words, so that a
 * configuration {@code check} accepts is one {@code run} starts.
 */
final class Exposure {

  /** The option that accepts the exposure anyway, on {@code run} and {@code check} alike. */
  static final String INSECURE_NO_AUTH = "--insecure-no-auth";

  static final String INSECURE_NO_AUTH_HELP =
      "Allow a non-loopback service.host with no service.tokens: everyone who can reach the"
          + " ports reads every event and status (commands stay refused without a command"
          + " token). See docs/security.md.";

  private Exposure() {}

  /**
   * Why {@code service} may not be served as configured, without the leading {@code service.host},
   * e.g. {@code 0.0.0.0 is not a loopback address and ...}; null when it may.
   */
  static String problem(ServiceOptions service) {
    if (!service.tokens().isEmpty() || BindAddress.isLoopback(service.host())) {
      return null;
    }
    return service.host()
        + " is not a loopback address and no service.tokens are configured: anyone who can reach"
        + " it would read every event. Configure service.tokens (see docs/security.md), bind"
        + " service.host to 127.0.0.1, or pass "
        + INSECURE_NO_AUTH
        + " to serve it without authentication anyway";
  }
}
