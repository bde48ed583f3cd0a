package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bench's /ws clients say when the gateway closed one, with the close code and reason. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WsClientsIT {

  static final long PATIENT_MS = 60_000;

  @Test
  void aClientClosedByTheServerIsReportedWithItsReasonAndAClientClosedByTheBenchIsNot() {
    Vertx vertx = Vertx.vertx();
    try {
      // GIVEN a server that answers the first subscribe, then cuts that client as slow; the
      // second client stays open
      int[] connections = {0};
      HttpServer server =
          Waits.await(
              vertx
                  .createHttpServer()
                  .webSocketHandler(
                      ws -> {
                        int n = ++connections[0];
                        ws.textMessageHandler(
                            t -> {
                              ws.writeTextMessage("{\"type\":\"subscribed\"}");
                              if (n == 1) {
                                ws.close((short) 1008, "slow client: too many messages queued");
                              }
                            });
                      })
                  .listen(0, "127.0.0.1"),
              PATIENT_MS,
              "listening");
      WsClients clients = new WsClients(vertx, server.actualPort(), 2);
      assertThat(clients.cuts()).isNull();

      // WHEN two clients connect and subscribe
      clients.connect(2, null, PATIENT_MS);

      // THEN one is reported closed by the gateway, with the close code and reason
      assertThat(Waits.until(() -> clients.cuts() != null, PATIENT_MS, 5_000)).isTrue();
      assertThat(clients.cuts())
          .isEqualTo(
              "1 /ws client(s) closed by the gateway (first: 1008 slow client: too many messages"
                  + " queued)");
      // and the bench's own close of the other is not counted
      clients.close(PATIENT_MS);
      assertThat(clients.cuts()).startsWith("1 /ws client(s)");
    } finally {
      Waits.await(vertx.close(), PATIENT_MS, "closing");
    }
  }
}
