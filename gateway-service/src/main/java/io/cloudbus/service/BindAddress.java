package io.cloudbus.service;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a bind address (the {@code host} of {@link ServiceOptions}) exposes, decided from its text
 * alone: no name is resolved, so the answers never block and never depend on DNS. A name other than
 * {@code localhost} counts as non-loopback (it may resolve to any interface).
 */
public final class BindAddress {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private BindAddress() {}

  /**
   * Whether {@code host} reaches this machine only: {@code localhost}, {@code 127.0.0.0/8}, {@code
   * ::1} (also bracketed or written out in full).
   */
  public static boolean isLoopback(String host) {
    String h = unbracket(host);
    return h.equals("localhost")
        || (IPV4.matcher(h).matches() && h.startsWith("127."))
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  /** Whether {@code host} listens on every interface: {@code 0.0.0.0} or {@code ::}. */
  public static boolean isWildcard(String host) {
    String h = unbracket(host);
    return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
  }

  /** Lower case, without the brackets of an IPv6 literal and without a trailing dot. */
  static String unbracket(String host) {
    String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
