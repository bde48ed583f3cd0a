package io.cloudbus.client;

import static io.cloudbus.client.Patience.PATIENT;
import static io.cloudbus.client.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cloudbus.client.testserver.HostileServer;
import io.cloudbus.client.testserver.ProtocolServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebSocketIT {

  private static final Duration WAIT = PATIENT;

  private Vertx vertx;
  private ProtocolServer server;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final List<CloseEvent> closes = new CopyOnWriteArrayList<>();
  private final List<String> messages = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = new ProtocolServer(vertx);
    server.start().await();
  }

  @AfterEach
  void stop() {
    server.stop().await();
  }

  private WebSocket watch(WebSocket ws) {
    return ws.onopen(() -> log.add("open"))
        .onmessage(
            m -> {
              log.add("message");
              messages.add(m.data());
            })
        .onerror(
            t -> {
              log.add("error");
              errors.add(t);
            })
        .onclose(
            c -> {
              log.add("close");
              closes.add(c);
            });
  }

  private String eventsUrl() {
    return server.baseUrl() + "/ws/events";
  }

  @Test
  void opensReceivesTheWelcomeAndClosesWithTheHandshake() {
    // GIVEN a socket to the protocol server
    WebSocket ws = watch(new WebSocket(eventsUrl()));
    // THEN it opens and receives the welcome
    await().atMost(WAIT).until(() -> messages.size() == 1);
    assertThat(ws.readyState()).isEqualTo(WebSocket.OPEN);
    assertThat(messages).containsExactly("{\"type\":\"welcome\"}");
    assertThat(ws.url()).startsWith("ws://127.0.0.1:");
    // WHEN it is closed
    ws.close();
    // THEN the handshake ran with 1000 and the close event is clean
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSED);
    await().atMost(WAIT).until(() -> closes.size() == 1);
    assertThat(closes.get(0)).isEqualTo(new CloseEvent(1000, "", true));
    await().atMost(WAIT).until(() -> server.last().closed);
    assertThat(server.last().closeCode).isEqualTo((short) 1000);
    assertThat(log).containsExactly("open", "message", "close");
    assertThat(errors).isEmpty();
  }

  @Test
  void closeSendsTheGivenCodeAndReason() {
    WebSocket ws = watch(new WebSocket(eventsUrl()));
    ws.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    await().atMost(WAIT).until(() -> server.last() != null);
    ws.close(4000, "bye");
    await().atMost(WAIT).until(() -> server.last().closed);
    assertThat(server.last().closeCode).isEqualTo((short) 4000);
    assertThat(server.last().closeReason).isEqualTo("bye");
    await().atMost(WAIT).until(() -> closes.size() == 1);
    assertThat(closes.get(0).wasClean()).isTrue();
    assertThat(closes.get(0).code()).isEqualTo(4000);
  }

  @Test
  void invalidCloseCodesAndReasonsAreRefusedAndTheSocketStaysOpen() {
    WebSocket ws = new WebSocket(eventsUrl());
    ws.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    for (int code : new int[] {0, 999, 1002, 1004, 1005, 1006, 1015, 2999, 5000}) {
      assertThatThrownBy(() -> ws.close(code, ""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("close code " + code);
    }
    assertThatThrownBy(() -> ws.close(1000, "x".repeat(124)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("123");
    assertThat(ws.readyState()).isEqualTo(WebSocket.OPEN);
    ws.close(1000, "é".repeat(61)); // 122 bytes: allowed
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSED);
  }

  @Test
  void aServerCloseIsEchoedAndReported() {
    WebSocket ws = watch(new WebSocket(eventsUrl()));
    await().atMost(WAIT).until(() -> messages.size() == 1);
    // WHEN the server closes
    server.last().ws.close((short) 4001, "maintenance");
    // THEN the client reports a clean close with the server's code and reason
    await().atMost(WAIT).until(() -> closes.size() == 1);
    assertThat(closes.get(0)).isEqualTo(new CloseEvent(4001, "maintenance", true));
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSED);
    assertThat(errors).isEmpty();
    // AND send now fails clearly
    assertThatThrownBy(() -> ws.send("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLOSED");
  }

  @Test
  void sendAfterCloseThrowsIllegalState() {
    WebSocket ws = new WebSocket(eventsUrl());
    ws.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    ws.send("{\"action\":\"ping\"}").orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    ws.close();
    assertThatThrownBy(() -> ws.send("{\"action\":\"ping\"}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot send: WebSocket is CLOSED");
    ws.close(); // idempotent
  }

  @Test
  void aRefusedConnectionEndsClosedWithErrorThenClose() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    WebSocket ws = watch(new WebSocket("ws://127.0.0.1:" + port + "/ws/events"));
    await().atMost(WAIT).until(() -> closes.size() == 1);
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSED);
    assertThat(log).containsExactly("error", "close");
    assertThat(errors.get(0))
        .isInstanceOf(WebSocketException.class)
        .hasMessageContaining("could not connect");
    assertThat(closes.get(0)).isEqualTo(new CloseEvent(1006, "", false));
    assertThat(ws.opened()).isCompletedExceptionally();
  }

  @Test
  void handlersSetAfterAFailureStillGetErrorAndClose() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    WebSocket ws = new WebSocket("ws://127.0.0.1:" + port + "/ws/events");
    await().atMost(WAIT).until(() -> ws.readyState() == WebSocket.CLOSED);
    watch(ws);
    await().atMost(WAIT).until(() -> log.size() == 2);
    assertThat(log).containsExactlyInAnyOrder("error", "close");
  }

  @Test
  void aRejectedHandshakeEndsClosedWithTheHttpStatus() {
    server.rejectWith(403);
    WebSocket ws = watch(new WebSocket(eventsUrl()));
    await().atMost(WAIT).until(() -> closes.size() == 1);
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSED);
    assertThat(log).containsExactly("error", "close");
    assertThat(errors.get(0)).isInstanceOf(WebSocketException.class);
    assertThat(((WebSocketException) errors.get(0)).httpStatus()).isEqualTo(403);
    assertThat(errors.get(0)).hasMessageContaining("HTTP 403");
    assertThat(closes.get(0).code()).isEqualTo(1006);
  }

  @Test
  void aServerThatNeverAnswersTheUpgradeTimesOutAndWhileConnectingSendThrows() {
    HostileServer silent = HostileServer.silent(vertx).start().await();
    WebSocketOptions opts =
        WebSocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build();
    WebSocket ws = watch(new WebSocket(silent.url("/ws/events"), opts));
    assertThat(ws.readyState()).isEqualTo(WebSocket.CONNECTING);
    assertThatThrownBy(() -> ws.send("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CONNECTING");
    await().atMost(WAIT).until(() -> closes.size() == 1);
    assertThat(log).containsExactly("error", "close");
    assertThat(errors.get(0)).hasMessageContaining("timed out");
    silent.stop().await();
  }

  @Test
  void closeWhileConnectingAbandonsTheConnection() {
    HostileServer silent = HostileServer.silent(vertx).start().await();
    WebSocket ws = watch(new WebSocket(silent.url("/ws/events")));
    assertThat(ws.readyState()).isEqualTo(WebSocket.CONNECTING);
    ws.close();
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSED);
    await().atMost(WAIT).until(() -> closes.size() == 1);
    assertThat(log).containsExactly("error", "close");
    assertThat(closes.get(0)).isEqualTo(new CloseEvent(1006, "", false));
    silent.stop().await();
  }

  @Test
  void aConnectionDroppedMidFrameReportsErrorThenClose1006() {
    HostileServer dropper = HostileServer.afterHandshake(vertx, s -> {}).start().await();
    // java.net.http (JDK 17) does not always report an end of stream that follows data: the
    // keepalive ping is what notices it then.
    WebSocketOptions opts = WebSocketOptions.builder().pingInterval(Duration.ofMillis(200)).build();
    WebSocket ws = watch(new WebSocket(dropper.url("/ws/events"), opts));
    ws.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    // WHEN the server sends a text frame announcing 50 bytes, of which only 5 ever come, and drops
    NetSocket s = dropper.sockets.get(0);
    s.write(Buffer.buffer(new byte[] {(byte) 0x81, 50, 'h', 'e', 'l', 'l', 'o'}))
        .onComplete(v -> s.close());
    // THEN the client reports an error, then an abnormal close
    await().atMost(WAIT).until(() -> closes.size() == 1);
    assertThat(log).containsExactly("open", "error", "close");
    assertThat(closes.get(0)).isEqualTo(new CloseEvent(1006, "", false));
    assertThat(errors.get(0)).isInstanceOf(WebSocketException.class);
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSED);
    assertThat(messages).isEmpty();
    dropper.stop().await();
  }

  @Test
  void aPeerThatStopsAnsweringPingsIsDetected() {
    HostileServer deaf = HostileServer.afterHandshake(vertx, s -> {}).start().await();
    WebSocketOptions opts =
        WebSocketOptions.builder()
            .pingInterval(Duration.ofMillis(200))
            .closeTimeout(Duration.ofMillis(300))
            .build();
    WebSocket ws = watch(new WebSocket(deaf.url("/ws/events"), opts));
    await().atMost(WAIT).until(() -> closes.size() == 1);
    assertThat(log).containsExactly("open", "error", "close");
    assertThat(errors.get(0)).hasMessageContaining("no pong within 200 ms");
    assertThat(closes.get(0)).isEqualTo(new CloseEvent(1006, "", false));
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSED);
    // the pings went out as real ping frames (opcode 0x89)
    assertThat(deaf.receivedAfterHandshake.get(0).getByte(0) & 0xFF).isEqualTo(0x89);
    deaf.stop().await();
  }

  @Test
  void aServerThatAnswersPingsKeepsTheSocketOpen() {
    // The server's pong must come within one interval: 1 s, not 100 ms, so that a busy machine
    // does not pass for a dead peer; three intervals see three pings answered.
    WebSocketOptions opts = WebSocketOptions.builder().pingInterval(Duration.ofSeconds(1)).build();
    WebSocket ws = watch(new WebSocket(eventsUrl(), opts));
    ws.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    await()
        .during(Duration.ofSeconds(3))
        .atMost(WAIT)
        .until(() -> ws.readyState() == WebSocket.OPEN && errors.isEmpty());
    ws.close();
    assertThat(closes).singleElement().isEqualTo(new CloseEvent(1000, "", true));
  }

  @Test
  void closeIsBoundedWhenTheServerNeverAnswersIt() {
    HostileServer deaf = HostileServer.afterHandshake(vertx, s -> {}).start().await();
    WebSocketOptions opts = WebSocketOptions.builder().closeTimeout(Duration.ofMillis(500)).build();
    WebSocket ws = watch(new WebSocket(deaf.url("/ws/events"), opts));
    ws.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    // WHEN closing in the background
    CompletableFuture<Void> closing = CompletableFuture.runAsync(ws::close);
    // THEN the socket is CLOSING while it waits, then CLOSED, not clean
    await().atMost(WAIT).until(() -> ws.readyState() >= WebSocket.CLOSING);
    closing.orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSED);
    await().atMost(WAIT).until(() -> closes.size() == 1);
    assertThat(closes.get(0)).isEqualTo(new CloseEvent(1006, "", false));
    assertThat(errors).singleElement().asString().contains("did not answer the close");
    // AND the close frame it sent carried code 1000 (masked client frame: 0x88, 0x80|len, mask)
    await().atMost(WAIT).until(() -> !deaf.receivedAfterHandshake.isEmpty());
    Buffer frame = Buffer.buffer();
    deaf.receivedAfterHandshake.forEach(frame::appendBuffer);
    assertThat(frame.getByte(0) & 0xFF).isEqualTo(0x88);
    int code =
        ((frame.getByte(6) ^ frame.getByte(2)) & 0xFF) << 8
            | ((frame.getByte(7) ^ frame.getByte(3)) & 0xFF);
    assertThat(code).isEqualTo(1000);
    deaf.stop().await();
  }

  @Test
  void closingIsReportedWhileTheHandshakeRuns() {
    HostileServer deaf = HostileServer.afterHandshake(vertx, s -> {}).start().await();
    WebSocketOptions opts = WebSocketOptions.builder().closeTimeout(Duration.ofSeconds(10)).build();
    WebSocket ws = new WebSocket(deaf.url("/ws/events"), opts);
    ws.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(ws::close);
    await().atMost(WAIT).until(() -> !deaf.receivedAfterHandshake.isEmpty());
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSING);
    assertThatThrownBy(() -> ws.send("x")).hasMessageContaining("CLOSING");
    // The server finally answers: the close completes cleanly.
    deaf.sockets.get(0).write(Buffer.buffer(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8}));
    closing.orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSED);
    assertThat(ws.closed().join()).isEqualTo(new CloseEvent(1000, "", true));
    deaf.stop().await();
  }

  @Test
  void messagesSentBeforeAHandlerIsSetAreHeldNotLost() {
    int n = 50;
    HostileServer eager =
        HostileServer.afterHandshake(
                vertx,
                s -> {
                  for (int i = 0; i < n; i++) {
                    s.write(HostileServer.textFrame("m" + i));
                  }
                })
            .start()
            .await();
    // A buffer smaller than the burst: reading pauses, nothing is dropped.
    WebSocketOptions opts =
        WebSocketOptions.builder().bufferCapacity(5).closeTimeout(Duration.ofMillis(300)).build();
    WebSocket ws = new WebSocket(eager.url("/ws/events"), opts);
    ws.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    await().atMost(WAIT).until(() -> !eager.sockets.isEmpty());
    // WHEN the handler comes late
    watch(ws);
    // THEN every message arrives, in order, and the open event too
    await().atMost(WAIT).until(() -> messages.size() == n);
    for (int i = 0; i < n; i++) {
      assertThat(messages.get(i)).isEqualTo("m" + i);
    }
    assertThat(log.get(0)).isEqualTo("open");
    ws.close();
    eager.stop().await();
  }

  @Test
  void aThrowingHandlerIsReportedAndTheSocketKeepsWorking() {
    WebSocket ws = watch(new WebSocket(eventsUrl()));
    ws.onmessage(
        m -> {
          messages.add(m.data());
          if (messages.size() == 1) {
            throw new IllegalStateException("boom");
          }
        });
    await().atMost(WAIT).until(() -> messages.size() == 1);
    await().atMost(WAIT).until(() -> errors.size() == 1);
    assertThat(errors.get(0)).isInstanceOf(HandlerException.class).hasRootCauseMessage("boom");
    assertThat(ws.readyState()).isEqualTo(WebSocket.OPEN);
    ws.send("{\"action\":\"ping\"}");
    await().atMost(WAIT).until(() -> messages.size() == 2);
    assertThat(messages.get(1)).isEqualTo("{\"type\":\"pong\"}");
    ws.close();
  }

  @Test
  void aPingIsAnsweredWithItsOwnPayload() {
    WebSocket ws = new WebSocket(eventsUrl());
    ws.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    await().atMost(WAIT).until(() -> server.last() != null);
    server.last().ws.writePing(Buffer.buffer("abcd"));
    await().atMost(WAIT).until(() -> !server.last().pongs.isEmpty());
    assertThat(server.last().pongs.get(0).toString()).isEqualTo("abcd");
    ws.close();
  }

  @Test
  void theQueryStringIsSentAsGiven() {
    WebSocket ws = new WebSocket(eventsUrl() + "?token=abc&x=1");
    ws.opened().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    await().atMost(WAIT).until(() -> server.last() != null);
    assertThat(server.last().query).isEqualTo("token=abc&x=1");
    assertThat(ws.toString()).doesNotContain("abc");
    ws.close();
  }

  @Test
  void aTooBigMessageFailsTheSocket() {
    HostileServer big =
        HostileServer.afterHandshake(vertx, s -> s.write(HostileServer.textFrame("y".repeat(60))))
            .start()
            .await();
    WebSocketOptions opts =
        WebSocketOptions.builder().maxMessageChars(10).closeTimeout(Duration.ofMillis(500)).build();
    WebSocket ws = watch(new WebSocket(big.url("/ws/events"), opts));
    await().atMost(WAIT).until(() -> closes.size() == 1);
    assertThat(errors.get(0)).hasMessageContaining("maxMessageChars=10");
    assertThat(messages).isEmpty();
    assertThat(ws.readyState()).isEqualTo(WebSocket.CLOSED);
    big.stop().await();
  }

  @Test
  void aBinaryMessageIsReportedAndSkipped() {
    HostileServer binary =
        HostileServer.afterHandshake(
                vertx,
                s -> {
                  s.write(Buffer.buffer(new byte[] {(byte) 0x82, 3, 1, 2, 3}));
                  s.write(HostileServer.textFrame("after"));
                })
            .start()
            .await();
    // A keepalive (this server never answers pings): the drop at the end must be noticed even if
    // java.net.http misses it. 1 s, so that it cannot fail the socket before the frames, already
    // sent, are read on a busy machine.
    WebSocketOptions opts = WebSocketOptions.builder().pingInterval(Duration.ofSeconds(1)).build();
    WebSocket ws = watch(new WebSocket(binary.url("/ws/events"), opts));
    await().atMost(WAIT).until(() -> messages.size() == 1);
    assertThat(messages).containsExactly("after");
    await().atMost(WAIT).until(() -> !errors.isEmpty());
    assertThat(errors.get(0)).hasMessageContaining("binary message of 3 bytes");
    binary.sockets.get(0).close();
    ws.closed().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    binary.stop().await();
  }

  @Test
  void badUrlsAreRefusedUpFront() {
    assertThatThrownBy(() -> new WebSocket("ftp://x/y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebSocket("ws://h/p#frag"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebSocket("not a url"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
