package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.Patience;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SharedWebSocketClientsIT {

  private static final int LIMIT = 65_536;

  private Vertx vertx;
  private HttpServer server;

  /** A verticle holding a lease from start() to stop(), as a CloudSocket does. */
  private static final class Holder extends VerticleBase {
    SharedWebSocketClients.Lease lease;

    @Override
    public Future<?> start() {
      lease = SharedWebSocketClients.acquire(vertx, LIMIT);
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      return lease.release();
    }

    Future<WebSocket> open(int port) {
      return Future.future(
          p ->
              context.runOnContext(
                  v ->
                      lease
                          .connect(
                              new WebSocketConnectOptions()
                                  .setHost("localhost")
                                  .setPort(port)
                                  .setURI("/ws"))
                          .onComplete(p)));
    }
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage()
        .toCompletableFuture()
        .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server =
        get(
            vertx
                .createHttpServer()
                .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
                .listen(0));
  }

  @AfterEach
  void tearDown() throws Exception {
    get(server.close());
  }

  @Test
  void undeployingTheFirstHolderLeavesTheClientWorkingForTheOthers() throws Exception {
    // GIVEN two verticles holding leases on the same shared client, the first one created it
    Holder first = new Holder();
    Holder second = new Holder();
    String firstId = get(vertx.deployVerticle(first));
    get(vertx.deployVerticle(second));
    get(get(first.open(server.actualPort())).close());

    // WHEN the first one is undeployed
    get(vertx.undeploy(firstId));

    // THEN the second still connects and echo traffic flows
    WebSocket ws = get(second.open(server.actualPort()));
    String echo =
        get(
            Future.<String>future(
                p -> {
                  ws.textMessageHandler(p::tryComplete);
                  ws.writeTextMessage("ping");
                }));
    assertThat(echo).isEqualTo("ping");
    get(ws.close());
  }

  @Test
  void theLastReleaseRemovesTheClientAndANewLeaseCreatesAnother() throws Exception {
    // GIVEN two leases on the same limit
    SharedWebSocketClients.Lease a = SharedWebSocketClients.acquire(vertx, LIMIT);
    SharedWebSocketClients.Lease b = SharedWebSocketClients.acquire(vertx, LIMIT);
    assertThat(clients()).isEqualTo(1);

    // WHEN the first is released (twice: idempotent), then the second
    get(a.release());
    get(a.release());
    assertThat(clients()).isEqualTo(1);
    get(b.release());

    // THEN nothing is left, and a new lease works with a fresh client
    assertThat(clients()).isZero();
    Holder h = new Holder();
    get(vertx.deployVerticle(h));
    get(get(h.open(server.actualPort())).close());
  }

  private int clients() {
    return vertx.sharedData().getLocalMap("io.cloudbus.core.websocket-clients").size();
  }
}
