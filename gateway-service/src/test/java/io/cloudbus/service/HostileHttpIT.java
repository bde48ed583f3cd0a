package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile HTTP clients on raw sockets (slow loris, idle connections, a connection flood, oversized
 * headers and request lines): each is answered or closed as {@link ServiceLimits} says, while
 * {@code /health} answers and a witness {@code /ws} client keeps receiving events.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileHttpIT {

  private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  private Vertx vertx;
  private GatewayService service;
  private WsTestClient witness;
  private final List<RawClient> raws = new ArrayList<>();

  private void start(Vertx vertx, ServiceLimits limits) {
    this.vertx = vertx;
    service = GatewayService.start(vertx, TestEvents.options().limits(limits).build()).await();
    witness = WsTestClient.connect(vertx, service.httpPort(), "/ws/events");
    witness.awaitType("welcome");
    witness.subscribe(null);
  }

  @AfterEach
  void stop() {
    raws.forEach(RawClient::close);
    if (witness != null) {
      witness.close();
    }
    if (service != null) {
      service.close().await();
    }
  }

  private static ServiceLimits limits(
      long idleTimeoutMs, long headerTimeoutMs, int maxConnections) {
    ServiceLimits d = ServiceLimits.defaults();
    return new ServiceLimits(
        d.authTimeoutMs(),
        d.maxPendingClients(),
        idleTimeoutMs,
        headerTimeoutMs,
        d.maxHeaderBytes(),
        d.maxInitialLineBytes(),
        maxConnections,
        d.commandsPerMinutePerClient(),
        d.commandsPerMinutePerAccount());
  }

  private RawClient raw() {
    RawClient raw = new RawClient(service.httpPort());
    raws.add(raw);
    return raw;
  }

  /** The witness still receives an event published now, and /health answers. */
  private void assertServiceUnharmed() {
    int before = witness.events().size();
    TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
    await().atMost(PATIENT).until(() -> witness.events().size() > before);
    assertThat(witness.closeStatus.get()).isNull();
    assertThat(Http.get(service.httpPort(), "/health").statusCode()).isEqualTo(200);
  }

  private String metrics() {
    return Http.get(service.httpPort(), "/metrics").body();
  }

  @Test
  void slowLorisRequestsAreAnswered408AndClosed(Vertx vertx) {
    start(vertx, limits(120_000, 500, 2_048));
    // GIVEN 50 connections that send half a request head and then nothing
    List<RawClient> loris = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      RawClient raw = raw();
      raw.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
      loris.add(raw);
    }
    // and a keep-alive connection whose second request stops half-way
    RawClient keepAlive = raw();
    keepAlive.write(HEALTH);
    assertThat(keepAlive.readHead()).startsWith("HTTP/1.1 200");
    keepAlive.write("GET /health HTTP/1.1\r\nHo");
    // THEN each is answered 408 and closed
    for (RawClient raw : loris) {
      String answer = raw.readResponseToEnd();
      assertThat(answer).startsWith("HTTP/1.1 408").contains("request_timeout");
    }
    assertThat(keepAlive.readResponseToEnd()).contains("HTTP/1.1 408");
    assertServiceUnharmed();
    assertThat(metrics()).contains("cloudbus_http_request_header_timeouts_total 51.0");
  }

  @Test
  void idleConnectionsAreClosedWhileAQuietWebSocketStaysOpen(Vertx vertx) {
    start(vertx, limits(1_000, 60_000, 2_048));
    // GIVEN 30 keep-alive connections that made one request each and then stay quiet
    List<RawClient> idle = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      RawClient raw = raw();
      raw.write(HEALTH);
      assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
      idle.add(raw);
    }
    // THEN the service closes every one of them after the idle timeout
    for (RawClient raw : idle) {
      raw.readToEnd();
    }
    // while the witness, quiet as well (no event was published), is pinged and stays open
    assertServiceUnharmed();
    await().atMost(PATIENT).until(() -> metrics().contains("cloudbus_http_connections 2.0"));
  }

  @Test
  void connectionsOverTheCapAreRefusedWith503UntilSomeClose(Vertx vertx) {
    start(vertx, limits(120_000, 60_000, 20));
    // GIVEN 20 open connections: the witness and 19 keep-alive ones
    List<RawClient> open = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      RawClient raw = raw();
      raw.write(HEALTH);
      assertThat(raw.readHead()).startsWith("HTTP/1.1 200");
      open.add(raw);
    }
    // WHEN a 21st connects
    RawClient refused = raw();
    String answer = refused.readResponseToEnd();
    // THEN it is refused with 503 and Connection: close, and closed
    assertThat(answer).startsWith("HTTP/1.1 503").contains("Connection: close");
    assertThat(answer).contains("too_many_connections");
    // WHEN five close, new connections are accepted again
    for (RawClient raw : open.subList(0, 5)) {
      raw.close();
    }
    await()
        .atMost(PATIENT)
        .until(
            () -> {
              try (RawClient probe = new RawClient(service.httpPort())) {
                probe.write(HEALTH);
                return probe.readHead().startsWith("HTTP/1.1 200");
              }
            });
    assertServiceUnharmed();
    assertThat(metrics()).containsPattern("cloudbus_http_connections_refused_total [1-9]");
  }

  @Test
  void oversizedHeadersGet431AndAnOversizedRequestLineGets414(Vertx vertx) {
    start(vertx, ServiceLimits.defaults());
    RawClient bigHost = raw();
    bigHost.write("GET /health HTTP/1.1\r\nHost: " + "h".repeat(10_000) + "\r\n\r\n");
    assertThat(bigHost.readResponseToEnd()).startsWith("HTTP/1.1 431").contains("8192");
    RawClient bigQuery = raw();
    bigQuery.write("GET /health?q=" + "q".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertThat(bigQuery.readResponseToEnd()).containsPattern("^HTTP/1.[01] 414").contains("4096");
    assertServiceUnharmed();
  }
}
