package io.cloudbus.service;

import java.util.Locale;

/** What an API token may do. The wire name is the lower-case constant name. */
public enum Role {
  /** Read events and status: every GET endpoint, {@code /ws}, outbound bridge addresses. */
  READ,
  /** Send commands on {@code cloudbus.command.*} through a bridge. Implies {@link #READ}. */
  COMMAND;

  /** The name used in configuration, e.g. {@code command}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws {@link IllegalArgumentException} naming the bad value. */
  public static Role fromWireName(String name) {
    for (Role r : values()) {
      if (r.wireName().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role: " + name + " (expected read or command)");
  }
}
