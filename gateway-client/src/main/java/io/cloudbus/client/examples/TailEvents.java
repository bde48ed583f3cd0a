package io.cloudbus.client.examples;

import io.cloudbus.client.CloudbusClient;
import io.cloudbus.client.Event;
import io.cloudbus.client.Filter;
import java.io.PrintStream;
import java.util.stream.Stream;

/**
 * Prints the events of a running cloudbus service, one line each, the pull-style way: {@code java
 * -cp gateway-client.jar io.cloudbus.client.examples.TailEvents [serviceUrl [typePrefix [count]]]}.
 * Defaults: {@code http://127.0.0.1:8080}, every type, forever. A token, if the service needs one,
 * comes from the {@code CLOUDBUS_TOKEN} environment variable. This file is the plain-{@code main}
 * example of {@code docs/client.md}.
 */
public final class TailEvents {

  private TailEvents() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the example, printing to {@code out}; returns the process exit code. */
  public static int run(String[] args, PrintStream out) {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    String type = args.length > 1 ? args[1] : null;
    long count = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;

    try (CloudbusClient client =
        CloudbusClient.builder()
            .serviceUrl(url)
            .token(System.getenv("CLOUDBUS_TOKEN"))
            .reconnect(true)
            .connect()) {
      Filter filter = client.subscribe(Filter.all().type(type));
      out.println("subscribed to " + filter.toJson() + " on " + url);
      Stream<Event> events = client.events().limit(count);
      events.forEach(
          e ->
              out.printf(
                  "%s %-30s %s/%s %s%n", e.time(), e.type(), e.vendor(), e.account(), e.subject()));
      return 0;
    }
  }
}
