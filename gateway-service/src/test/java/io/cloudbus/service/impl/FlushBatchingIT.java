package io.cloudbus.service.impl;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link FlushBatching} on a real WebSocket connection: frames written in one turn of the event
 * loop arrive all and in order, and a close right after them still delivers them first.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FlushBatchingIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int FRAMES = 1_000;

  @Test
  void framesOfOneTurnArriveInOrderAndBeforeTheClose(Vertx vertx) {
    AtomicBoolean installed = new AtomicBoolean();
    AtomicInteger handlers = new AtomicInteger();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  HttpConnection connection = req.connection();
                  req.toWebSocket()
                      .onSuccess(
                          ws -> {
                            installed.set(FlushBatching.install(connection));
                            // a second install keeps the one handler
                            FlushBatching.install(connection);
                            handlers.set(
                                (int)
                                    ((ConnectionBase) connection)
                                        .channel().pipeline().names().stream()
                                            .filter(FlushBatching.NAME::equals)
                                            .count());
                            for (int i = 0; i < FRAMES; i++) {
                              ws.writeTextMessage("frame " + i);
                            }
                            ws.close((short) 1000, "done");
                          });
                })
            .listen(0)
            .await();
    List<String> received = new CopyOnWriteArrayList<>();
    AtomicInteger closedWith = new AtomicInteger(-1);
    WebSocketClient client = vertx.createWebSocketClient();
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(received::add)
        .closeHandler(v -> closedWith.set(ws.closeStatusCode() == null ? 0 : ws.closeStatusCode()));
    ws.connect(server.actualPort(), "localhost", "/").await();

    await().atMost(WAIT).until(() -> closedWith.get() >= 0);
    assertThat(installed).isTrue();
    assertThat(handlers.get()).isEqualTo(1);
    assertThat(received)
        .containsExactlyElementsOf(IntStream.range(0, FRAMES).mapToObj(i -> "frame " + i).toList());
    assertThat(closedWith.get()).isEqualTo(1000);
  }

  @Test
  void linesOfOneTurnOnATcpConnectionArriveAllBeforeTheClose(Vertx vertx) {
    AtomicBoolean installed = new AtomicBoolean();
    NetServer server =
        vertx
            .createNetServer()
            .connectHandler(
                socket -> {
                  installed.set(FlushBatching.install(socket));
                  for (int i = 0; i < FRAMES; i++) {
                    socket.write("line " + i + "\n");
                  }
                  socket.close();
                })
            .listen(0)
            .await();
    StringBuilder received = new StringBuilder();
    AtomicBoolean closed = new AtomicBoolean();
    // the handlers are set on the socket's event loop, before it reads anything
    vertx
        .createNetClient()
        .connect(server.actualPort(), "localhost")
        .onSuccess(
            (NetSocket client) -> {
              client.handler(b -> received.append(b.toString()));
              client.closeHandler(v -> closed.set(true));
            });

    await().atMost(WAIT).untilTrue(closed);
    assertThat(installed).isTrue();
    assertThat(received.toString())
        .isEqualTo(IntStream.range(0, FRAMES).mapToObj(i -> "line " + i + "\n").collect(joining()));
  }

  @Test
  void anythingElseIsLeftAlone() {
    assertThat(FlushBatching.install("not a connection")).isFalse();
  }
}
