package io.cloudbus.service.impl;

import io.vertx.ext.bridge.PermittedOptions;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The addresses the bridges let through; everything else is refused. Outbound (bus to client):
 * {@code cloudbus.events}, {@code cloudbus.events.<vendor>.<account>}, {@code cloudbus.status}.
 * Inbound (client to bus): {@code cloudbus.command.<vendor>.<account>}, and only for a token with
 * the {@code command} role.
 */
final class BridgePermits {

  static final String NAME = "[A-Za-z0-9_-]+";
  static final Pattern EVENTS_ACCOUNT =
      Pattern.compile("cloudbus\\.events\\." + NAME + "\\." + NAME);
  static final Pattern COMMAND = Pattern.compile("cloudbus\\.command\\." + NAME + "\\." + NAME);

  private BridgePermits() {}

  static List<PermittedOptions> outbound() {
    return List.of(
        new PermittedOptions().setAddress("cloudbus.events"),
        new PermittedOptions().setAddressRegex(EVENTS_ACCOUNT.pattern()),
        new PermittedOptions().setAddress("cloudbus.status"));
  }

  static List<PermittedOptions> inbound() {
    return List.of(new PermittedOptions().setAddressRegex(COMMAND.pattern()));
  }

  static boolean outboundAllowed(String address) {
    return "cloudbus.events".equals(address)
        || "cloudbus.status".equals(address)
        || EVENTS_ACCOUNT.matcher(address).matches();
  }

  static boolean inboundAllowed(String address) {
    return COMMAND.matcher(address).matches();
  }
}
