package io.cloudbus.cli;

import io.cloudbus.core.CloudbusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints every event on {@code cloudbus.events} as one {@link EventLine}, and every connection
 * state change on {@code cloudbus.status} as one {@code status} line, to a terminal. Runs on the
 * event loop; {@link PrintWriter} output is synchronized.
 */
final class EventPrinter {

  private final PrintWriter out;
  private final MessageConsumer<Object> events;
  private final MessageConsumer<Object> status;
  private List<String> held = new ArrayList<>();
  private final Map<String, String> lastStatus = new HashMap<>();

  /**
   * Starts consuming at once but holds the lines until {@link #release()}, so that the URL banner
   * stays the first output.
   */
  EventPrinter(Vertx vertx, PrintWriter out, boolean printEvents) {
    this.out = out;
    this.events =
        vertx
            .eventBus()
            .consumer(
                CloudbusAddresses.EVENTS,
                m -> {
                  if (printEvents && m.body() instanceof JsonObject e) {
                    print(EventLine.format(e));
                  }
                });
    this.status =
        vertx
            .eventBus()
            .consumer(
                CloudbusAddresses.STATUS,
                m -> {
                  if (m.body() instanceof JsonObject s) {
                    printStatus(s);
                  }
                });
  }

  /** A status line once per change: a repeated identical status of an account is skipped. */
  private synchronized void printStatus(JsonObject s) {
    String line = statusLine(s);
    String key = s.getValue("vendor") + "/" + s.getValue("account");
    if (line.equals(lastStatus.put(key, line))) {
      return;
    }
    print(line);
  }

  private synchronized void print(String line) {
    if (held != null) {
      held.add(line);
    } else {
      out.println(line);
    }
  }

  /** Prints the held lines and every later line at once. */
  synchronized void release() {
    if (held != null) {
      held.forEach(out::println);
      held = null;
    }
  }

  static String statusLine(JsonObject s) {
    StringBuilder line =
        new StringBuilder("status  ")
            .append(s.getValue("vendor"))
            .append('/')
            .append(s.getValue("account"))
            .append(' ')
            .append(s.getValue("state"));
    if (s.getValue("reason") != null) {
      line.append(" (").append(s.getValue("reason")).append(')');
    }
    if (s.getValue("nextRetryMs") != null) {
      line.append(", retry in ").append(s.getValue("nextRetryMs")).append(" ms");
    }
    return line.toString();
  }

  void close() {
    events.unregister();
    status.unregister();
  }
}
