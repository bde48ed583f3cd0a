package io.cloudbus.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The URL lines that {@code demo} and {@code run} print first. */
final class UrlBanner {

  private static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put("dashboard", "dashboard");
    LABELS.put("ws", "websocket");
    LABELS.put("eventbus", "sockjs");
    LABELS.put("tcp", "tcp bridge");
    LABELS.put("mock", "mock admin");
    LABELS.put("health", "health");
    LABELS.put("metrics", "metrics");
    LABELS.put("accounts", "accounts");
    LABELS.put("events", "events");
  }

  private UrlBanner() {}

  /**
   * Prints one {@code label url} line per URL, in a fixed order (dashboard, websocket, sockjs, tcp
   * bridge, mock admin, then the rest), and flushes.
   */
  static void print(PrintWriter out, Map<String, String> urls) {
    for (Map.Entry<String, String> e : LABELS.entrySet()) {
      String url = urls.get(e.getKey());
      if (url != null) {
        out.println(String.format("%-11s %s", e.getValue(), url));
      }
    }
    urls.forEach(
        (k, v) -> {
          if (!LABELS.containsKey(k)) {
            out.println(String.format("%-11s %s", k, v));
          }
        });
    out.flush();
  }
}
