package io.cloudbus.service.impl;

import io.cloudbus.core.CloudSocket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's own meters (names in docs/service.md). Transport tags: {@code ws}, {@code sockjs},
 * {@code tcp}, {@code sse}. Thread-safe.
 */
final class GatewayMetrics {

  static final String WS = "ws";
  static final String SOCKJS = "sockjs";
  static final String TCP = "tcp";
  static final String SSE = "sse";

  /**
   * Adapter counters, by {@link CloudSocket#stats()} field → meter name: read from attached sockets
   * at every scrape, or from a {@code stats} object in a published status.
   */
  private static final Map<String, String> ADAPTER_STATS =
      Map.of(
          "duplicatesDropped", "cloudbus.adapter.duplicates.dropped",
          "reconnects", "cloudbus.adapter.reconnects",
          "tokenRefreshes", "cloudbus.adapter.token.refreshes",
          "badFrames", "cloudbus.adapter.bad.frames",
          "eventsIn", "cloudbus.adapter.events.in",
          "eventsPublished", "cloudbus.adapter.events.published");

  private final PrometheusMeterRegistry registry;
  private final boolean ownRegistry;
  private final Map<String, AtomicLong> clients = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> pendingClients = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> adapterStats = new ConcurrentHashMap<>();
  private final Set<String> everConnected = ConcurrentHashMap.newKeySet();
  private final Map<String, Counter> eventsIn = new ConcurrentHashMap<>();
  private final Map<String, Meters> meters = new ConcurrentHashMap<>();
  private final AtomicLong httpConnections = new AtomicLong();
  private final Counter httpRefused;
  private final Counter httpHeaderTimeouts;

  /** The per-transport meters of the write path, registered once. */
  private record Meters(Counter eventsOut, Timer latency) {}

  GatewayMetrics(PrometheusMeterRegistry shared) {
    this.ownRegistry = shared == null;
    this.registry =
        shared == null
            ? MeterBounds.apply(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            : shared;
    // only the TCP bridge has connections that are open before they authenticate
    AtomicLong pending = new AtomicLong();
    pendingClients.put(TCP, pending);
    Gauge.builder("cloudbus.clients.pending", pending, AtomicLong::get)
        .description("Connections not authenticated yet (not counted in cloudbus_clients)")
        .tag("transport", TCP)
        .register(registry);
    for (String t : new String[] {WS, SOCKJS, TCP, SSE}) {
      AtomicLong n = new AtomicLong();
      clients.put(t, n);
      Gauge.builder("cloudbus.clients", n, AtomicLong::get)
          .description("Connected clients")
          .tag("transport", t)
          .register(registry);
      meters.put(
          t,
          new Meters(
              Counter.builder("cloudbus.events.out")
                  .description("Events written to clients")
                  .tag("transport", t)
                  .register(registry),
              Timer.builder("cloudbus.delivery.latency")
                  .description("From the event's time to its write to a client")
                  .tag("transport", t)
                  .publishPercentileHistogram()
                  .maximumExpectedValue(Duration.ofMinutes(5))
                  .register(registry)));
    }
    Gauge.builder("cloudbus.http.connections", httpConnections, AtomicLong::get)
        .description("Open HTTP connections (WebSockets and SockJS included)")
        .register(registry);
    httpRefused =
        Counter.builder("cloudbus.http.connections.refused")
            .description("HTTP connections refused over service.limits.maxConnections")
            .register(registry);
    httpHeaderTimeouts =
        Counter.builder("cloudbus.http.request.header.timeouts")
            .description("Connections answered 408: request headers not complete in time")
            .register(registry);
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text, after reading the counters of the locally attached sockets. */
  String scrape(Collection<CloudSocket> attached) {
    for (CloudSocket socket : attached) {
      try {
        adapterStats(socket.vendor(), socket.account(), socket.stats());
      } catch (RuntimeException e) {
        // a socket without stats support has nothing to add
      }
    }
    return registry.scrape();
  }

  void eventIn(String vendor, String account) {
    // Counter.builder(...).register looks the meter up by name and tags (hashing, tag sorting):
    // too much per event on the service's event loop, so each meter is looked up once.
    eventsIn
        .computeIfAbsent(
            vendor + "|" + account,
            k ->
                Counter.builder("cloudbus.events.in")
                    .description("Events received from the event bus")
                    .tags("vendor", vendor, "account", account)
                    .register(registry))
        .increment();
  }

  /** One event written to a client; latency measured from the event's {@code time}. */
  void eventOut(String transport, JsonObject event) {
    eventsOut(transport, event, 1);
  }

  /**
   * {@code written} copies of one event written to clients of {@code transport}: counts them and
   * records the delivery latency once per copy (the event's {@code time} is parsed once).
   */
  void eventsOut(String transport, JsonObject event, int written) {
    if (written <= 0) {
      return;
    }
    Meters m = meters.get(transport);
    m.eventsOut.increment(written);
    if (event != null && event.getValue("time") instanceof String time) {
      long ms;
      try {
        ms = Math.max(0, System.currentTimeMillis() - EventTimes.epochMillis(time));
      } catch (DateTimeParseException e) {
        return; // an event without a parsable time has no latency to record
      }
      for (int i = 0; i < written; i++) {
        m.latency.record(ms, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** {@code n} events written to a resuming client of {@code transport} from the journal. */
  void eventsReplayed(String transport, int n) {
    if (n > 0) {
      Counter.builder("cloudbus.events.replayed")
          .description("Events written to resuming clients from the journal")
          .tag("transport", transport)
          .register(registry)
          .increment(n);
    }
  }

  void clientConnected(String transport) {
    clients.get(transport).incrementAndGet();
  }

  void clientDisconnected(String transport) {
    clients.get(transport).decrementAndGet();
  }

  long clients(String transport) {
    return clients.get(transport).get();
  }

  long totalClients() {
    return clients.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** A connection of {@code transport} (only {@code tcp}) waits for its authentication. */
  void clientPending(String transport) {
    pendingClients.get(transport).incrementAndGet();
  }

  /** A pending connection authenticated or closed. */
  void clientPendingDone(String transport) {
    pendingClients.get(transport).decrementAndGet();
  }

  long pendingClients(String transport) {
    return pendingClients.get(transport).get();
  }

  void httpConnectionOpened() {
    httpConnections.incrementAndGet();
  }

  void httpConnectionClosed() {
    httpConnections.decrementAndGet();
  }

  void httpConnectionRefused() {
    httpRefused.increment();
  }

  void httpHeaderTimeout() {
    httpHeaderTimeouts.increment();
  }

  /** A request the HTTP decoder could not read, by the status it was answered (400, 414, 431). */
  void httpInvalidRequest(int status) {
    Counter.builder("cloudbus.http.invalid.requests")
        .description("Requests that could not be read (too long a line or headers, malformed)")
        .tag("status", String.valueOf(status))
        .register(registry)
        .increment();
  }

  void clientRejected(String transport, String reason) {
    Counter.builder("cloudbus.clients.rejected")
        .description(
            "Connections refused or closed"
                + " (too_many_clients, too_many_pending, unauthorized, auth_timeout)")
        .tags("transport", transport, "reason", reason)
        .register(registry)
        .increment();
  }

  void slowClientDropped(String transport) {
    Counter.builder("cloudbus.slow.clients.dropped")
        .description("Clients disconnected because they could not keep up")
        .tag("transport", transport)
        .register(registry)
        .increment();
  }

  /**
   * A command refused by {@link CommandLimiter}; {@code scope} is {@code client} or {@code
   * account}, the limit that refused it.
   */
  void commandRateLimited(String transport, String scope) {
    Counter.builder("cloudbus.commands.rate.limited")
        .description("Commands refused by a command rate limit before the adapter")
        .tags("transport", transport, "scope", scope)
        .register(registry)
        .increment();
  }

  void badFrame(String transport) {
    Counter.builder("cloudbus.client.bad.frames")
        .description("Client frames answered with an error")
        .tag("transport", transport)
        .register(registry)
        .increment();
  }

  void badStatus() {
    Counter.builder("cloudbus.status.invalid")
        .description("cloudbus.status messages that were not a status")
        .register(registry)
        .increment();
  }

  /** Counts reconnects from status transitions and mirrors the adapter's own {@code stats}. */
  void statusChanged(JsonObject previous, JsonObject current) {
    String vendor = current.getString("vendor");
    String account = current.getString("account");
    String key = vendor + "/" + account;
    if ("connected".equals(current.getString("state"))
        && (previous == null || !"connected".equals(previous.getString("state")))
        && !everConnected.add(key)) {
      Counter.builder("cloudbus.reconnects")
          .description("Accounts connected again after having been connected")
          .tags("vendor", vendor, "account", account)
          .register(registry)
          .increment();
    }
    if (current.getValue("stats") instanceof JsonObject stats) {
      adapterStats(vendor, account, stats);
    }
  }

  private void adapterStats(String vendor, String account, JsonObject stats) {
    if (stats == null) {
      return;
    }
    ADAPTER_STATS.forEach(
        (field, meter) -> {
          if (stats.getValue(field) instanceof Number n) {
            adapterStat(meter, vendor, account).set(n.longValue());
          }
        });
  }

  private AtomicLong adapterStat(String meter, String vendor, String account) {
    return adapterStats.computeIfAbsent(
        meter + "|" + vendor + "|" + account,
        k -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder(meter, value, AtomicLong::get)
              .description("Reported by the adapter in its status stats")
              .tags("vendor", vendor, "account", account)
              .register(registry);
          return value;
        });
  }

  void close() {
    if (ownRegistry) {
      registry.close();
    }
  }
}
