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
import java.util.concurrent.TimeUnit;

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
  private final Map<String, Failing> failing = new HashMap<>();

  /** At most one line a minute for an account that keeps failing the same way. */
  static final long REPEAT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

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
  private void printStatus(JsonObject s) {
    printStatus(s, System.nanoTime());
  }

  /**
   * As {@link #printStatus(JsonObject)}, and an account that fails the same way at every attempt (a
   * vendor answering 404 for hours) prints its failure once, then once a minute with the count of
   * the attempts in between, instead of a connecting and a backoff line every few seconds. A {@code
   * connecting} after a failure is printed only when something else follows it.
   */
  synchronized void printStatus(JsonObject s, long nowNanos) {
    String line = statusLine(s);
    String key = s.getValue("vendor") + "/" + s.getValue("account");
    if (line.equals(lastStatus.put(key, line))) {
      return;
    }
    String state = String.valueOf(s.getValue("state"));
    Failing f = failing.get(key);
    if (f != null && "connecting".equals(state)) {
      f.heldConnecting = line;
      return;
    }
    String failure = failureKey(s);
    if (f != null && f.key.equals(failure)) {
      f.heldConnecting = null;
      f.repeats++;
      if (nowNanos - f.printedAt >= REPEAT_INTERVAL_NANOS) {
        print(line + " (" + f.repeats + " more like it since the last line)");
        f.repeats = 0;
        f.printedAt = nowNanos;
      }
      return;
    }
    if (f != null && f.heldConnecting != null) {
      print(f.heldConnecting);
    }
    print(line);
    if (failure == null) {
      failing.remove(key);
    } else {
      failing.put(key, new Failing(failure, nowNanos));
    }
  }

  /** The failure a status reports (state and reason, not the retry delay), or null. */
  private static String failureKey(JsonObject s) {
    String state = String.valueOf(s.getValue("state"));
    return switch (state) {
      case "backoff", "auth_failed" -> state + " " + s.getValue("reason");
      default -> null;
    };
  }

  /** An account whose last printed status was a failure. */
  private static final class Failing {
    final String key;
    long printedAt;
    int repeats;
    String heldConnecting;

    Failing(String key, long printedAt) {
      this.key = key;
      this.printedAt = printedAt;
    }
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
