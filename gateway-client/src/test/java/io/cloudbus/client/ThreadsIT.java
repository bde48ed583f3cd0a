package io.cloudbus.client;

import static io.cloudbus.client.Patience.PATIENT;
import static io.cloudbus.client.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.client.testserver.ProtocolServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** No thread outlives close(): nwebsocket left one curio thread per socket behind. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ThreadsIT {

  private static List<String> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("cloudbus-ws-") || n.startsWith("cloudbus-client-"))
        .toList();
  }

  private static long selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("Selector"))
        .count();
  }

  @Test
  void noThreadIsLeftRunningAfterClose(Vertx vertx) throws Exception {
    ProtocolServer server = new ProtocolServer(vertx);
    server.start().await();
    int refusedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      refusedPort = s.getLocalPort();
    }
    // GIVEN the threads of ours that other tests may have left (their sockets still closing)
    List<String> before = clientThreads();
    long selectorsBefore = selectorThreads();
    // WHEN sockets and clients are used and closed: normal, refused, server-closed, client
    for (int round = 0; round < 3; round++) {
      WebSocket ws = new WebSocket(server.baseUrl() + "/ws/events");
      ws.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
      ws.send("{\"action\":\"ping\"}");
      ws.close();
      assertThat(clientThreads()).isSubsetOf(before); // close() waited for its threads

      WebSocket refused = new WebSocket("ws://127.0.0.1:" + refusedPort + "/ws/events");
      refused.closed().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();

      int connectionsBefore = server.connections.size();
      WebSocket dropped = new WebSocket(server.baseUrl() + "/ws/events");
      dropped.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
      await().atMost(PATIENT).until(() -> server.connections.size() == connectionsBefore + 1);
      server.last().ws.close((short) 1001);
      dropped.closed().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();

      CloudbusClient client =
          CloudbusClient.builder()
              .serviceUrl(server.baseUrl())
              .requestTimeout(PATIENT)
              .reconnect(true)
              .subscribe(Filter.all())
              .connect();
      client.ping();
      client.close();
    }
    // THEN every thread we started ends, and the JDK's selector threads go once collected
    await().atMost(PATIENT).until(() -> before.containsAll(clientThreads()));
    await()
        .atMost(PATIENT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              System.gc();
              return selectorThreads() <= selectorsBefore;
            });
    server.stop().await();
  }
}
