package io.cloudbus.webhooks;

import static io.cloudbus.webhooks.Patience.PATIENT;
import static io.cloudbus.webhooks.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Webhooks against a local receiver that verifies every signature, fails on purpose and is down for
 * a while.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebhookOutputIT {

  static final String SECRET = "0123456789abcdef-secret";

  private final Vertx vertx = Vertx.vertx();
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private WebhookOutput output;

  @AfterEach
  void close() throws Exception {
    if (output != null) {
      output.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * A server on {@code port} (0: any) handing each request with its whole body to {@code onBody}.
   */
  private HttpServer serve(int port, BiConsumer<HttpServerRequest, Buffer> onBody)
      throws Exception {
    return vertx
        .createHttpServer()
        .requestHandler(req -> req.body().onSuccess(body -> onBody.accept(req, body)))
        .listen(port, "127.0.0.1")
        .await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /** A receiver on {@code port} (0: any) answering with {@code status(request number)}. */
  private HttpServer receiver(int port, Function<Integer, Integer> status) throws Exception {
    AtomicInteger n = new AtomicInteger();
    return serve(
        port, (req, body) -> answer(req, body.getBytes(), status.apply(n.incrementAndGet())));
  }

  private void answer(HttpServerRequest req, byte[] body, int status) {
    long ts = Long.parseLong(req.getHeader(WebhookSignature.TIMESTAMP_HEADER));
    if (!WebhookSignature.verify(
        SECRET, ts, body, req.getHeader(WebhookSignature.SIGNATURE_HEADER))) {
      badSignatures.incrementAndGet();
      req.response().setStatusCode(401).end();
      return;
    }
    if (status == 200) {
      JsonObject record = new JsonObject().put("contentType", req.getHeader("Content-Type"));
      if (req.getHeader("ce-id") != null) {
        record
            .put("id", req.getHeader("ce-id"))
            .put("type", req.getHeader("ce-type"))
            .put("data", new JsonObject(new String(body)));
      } else {
        JsonObject event = new JsonObject(new String(body));
        record.put("id", event.getString("id")).put("type", event.getString("type"));
      }
      received.add(record);
    }
    req.response().setStatusCode(status).end();
  }

  private void start(String url, JsonObject extra) throws Exception {
    output =
        WebhookOutput.start(
                vertx,
                List.of(
                    WebhookOptions.fromJson(
                        new JsonObject()
                            .put("url", url)
                            .put("secret", SECRET)
                            .put("retryInitialDelayMs", 50)
                            .put("retryMaxDelayMs", 500)
                            .mergeIn(extra))))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  static JsonObject event(String account, String name, String id) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", id)
        .put("source", "/cloudbus/bticino/" + account)
        .put("type", "io.cloudbus." + name)
        .put("time", "2026-12-07T01:00:00Z")
        .put("datacontenttype", "application/json")
        .put("vendor", "bticino")
        .put("account", account)
        .put("data", new JsonObject().put("n", id));
  }

  private void publish(JsonObject event) {
    vertx.eventBus().publish("cloudbus.events", event);
  }

  private long stat(String name) {
    return output.stats().getJsonObject(0).getLong(name);
  }

  @Test
  void signedStructuredEventsArriveInOrderThroughFailures() throws Exception {
    // GIVEN a receiver that fails every third request with 503
    HttpServer server = receiver(0, n -> n % 3 == 0 ? 503 : 200);
    start("http://127.0.0.1:" + server.actualPort() + "/hook", new JsonObject());

    // WHEN 10 events of one account come
    IntStream.range(0, 10).forEach(i -> publish(event("home", "doorbell.ring", "e" + i)));

    // THEN all arrive, signed, once each, in order, as structured CloudEvents
    await().atMost(PATIENT).until(() -> received.size() == 10);
    assertThat(received.stream().map(r -> r.getString("id")))
        .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "e" + i).toList());
    assertThat(received.get(0).getString("contentType")).startsWith("application/cloudevents+json");
    assertThat(badSignatures).hasValue(0);
    assertThat(stat("retries")).isPositive();
    assertThat(stat("deadLetters")).isZero();
    assertThat(stat("delivered")).isEqualTo(10);
  }

  @Test
  void binaryModeAndTheFilter() throws Exception {
    HttpServer server = receiver(0, n -> 200);
    start(
        "http://127.0.0.1:" + server.actualPort() + "/hook",
        new JsonObject()
            .put("mode", "binary")
            .put("filter", new JsonObject().put("type", "doorbell.")));
    publish(event("home", "camera.motion", "skip"));
    publish(event("home", "doorbell.ring", "ring"));
    await().atMost(PATIENT).until(() -> received.size() == 1);
    JsonObject r = received.get(0);
    assertThat(r.getString("id")).isEqualTo("ring");
    assertThat(r.getString("type")).isEqualTo("io.cloudbus.doorbell.ring");
    assertThat(r.getString("contentType")).isEqualTo("application/json");
    assertThat(r.getJsonObject("data")).isEqualTo(new JsonObject().put("n", "ring"));
  }

  @Test
  void aReceiverThatIsDownGetsEverythingWhenItComesBack() throws Exception {
    // GIVEN a webhook to a port where nothing listens yet
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    start("http://127.0.0.1:" + port + "/hook", new JsonObject().put("maxAttempts", 1_000));
    IntStream.range(0, 5).forEach(i -> publish(event("home", "call.missed", "m" + i)));
    await().atMost(PATIENT).until(() -> stat("retries") >= 3);
    assertThat(received).isEmpty();

    // WHEN the receiver comes up
    receiver(port, n -> 200);

    // THEN it catches up, in order
    await().atMost(PATIENT).until(() -> received.size() == 5);
    assertThat(received.stream().map(r -> r.getString("id")))
        .containsExactly("m0", "m1", "m2", "m3", "m4");
    assertThat(stat("pending")).isZero();
  }

  @Test
  void aReceiverThatStreamsItsAnswerForeverNeitherHoldsTheLaneNorFillsTheHeap() throws Exception {
    // GIVEN a receiver that accepts each event with 200, then streams a body that never ends
    AtomicInteger cutOff = new AtomicInteger();
    HttpServer server =
        serve(
            0,
            (req, body) -> {
              received.add(new JsonObject(body.toString()));
              var resp = req.response().setChunked(true).setStatusCode(200);
              long timer =
                  vertx.setPeriodic(
                      10,
                      id -> {
                        if (!resp.writeQueueFull()) {
                          resp.write(Buffer.buffer(new byte[16384]));
                        }
                      });
              resp.closeHandler(
                  v -> {
                    vertx.cancelTimer(timer);
                    cutOff.incrementAndGet();
                  });
            });
    start(
        "http://127.0.0.1:" + server.actualPort() + "/hook",
        new JsonObject().put("timeoutMs", 60_000));

    // WHEN two events of one account are sent
    publish(event("home", "doorbell.ring", "first"));
    publish(event("home", "doorbell.ring", "second"));

    // THEN both are delivered in order, each acknowledged by its status, and each endless body is
    // cut off (long before the minute of the timeout: a megabyte)
    await().atMost(PATIENT).until(() -> stat("delivered") == 2 && cutOff.get() == 2);
    assertThat(received.stream().map(e -> e.getString("id"))).containsExactly("first", "second");
    assertThat(stat("retries")).isZero();
    assertThat(stat("deadLetters")).isZero();
  }

  @Test
  void aReceiverThatNeverAnswersFailsTheAttemptAtTheTimeout() throws Exception {
    // GIVEN a receiver that reads the request and never answers, then answers the retry
    AtomicInteger n = new AtomicInteger();
    HttpServer server =
        serve(
            0,
            (req, body) -> {
              if (n.incrementAndGet() > 1) {
                received.add(new JsonObject(body.toString()));
                req.response().end();
              }
            });
    start(
        "http://127.0.0.1:" + server.actualPort() + "/hook",
        new JsonObject().put("timeoutMs", 300));

    publish(event("home", "doorbell.ring", "late"));

    // THEN the first attempt fails after its timeout and the second one delivers it
    await().atMost(PATIENT).until(() -> stat("delivered") == 1);
    assertThat(received.stream().map(e -> e.getString("id"))).containsExactly("late");
    assertThat(stat("retries")).isEqualTo(1);
  }

  @Test
  void aRefusedEventIsDeadLetteredAndTheNextOneGoesOn() throws Exception {
    HttpServer server = receiver(0, n -> n == 1 ? 400 : 200);
    start("http://127.0.0.1:" + server.actualPort() + "/hook", new JsonObject());
    publish(event("home", "doorbell.ring", "refused"));
    publish(event("home", "doorbell.ring", "next"));
    await().atMost(PATIENT).until(() -> received.size() == 1);
    assertThat(received.get(0).getString("id")).isEqualTo("next");
    assertThat(stat("deadLetters")).isEqualTo(1);
    assertThat(stat("retries")).isZero();
  }

  @Test
  void aSignatureDependsOnSecretTimestampAndBody() {
    byte[] body = "{}".getBytes();
    String sig = WebhookSignature.sign(SECRET, 1000, body);
    assertThat(sig).startsWith("v1=").hasSize(3 + 64);
    assertThat(WebhookSignature.verify(SECRET, 1000, body, sig)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, 1001, body, sig)).isFalse();
    assertThat(WebhookSignature.verify(SECRET + "x", 1000, body, sig)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, 1000, "{ }".getBytes(), sig)).isFalse();
  }
}
