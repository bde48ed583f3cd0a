package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static io.cloudbus.cli.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.webhooks.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code cloudbus run} with a {@code webhooks:} entry and a journal: a doorbell ring
 * pushed through the mock admin API reaches a local receiver signed; one the receiver refused with
 * 503 until {@code run} was restarted arrives after the restart, once; the webhook's counters are
 * in {@code /metrics} by name, without its URL or secret.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RunWebhookIT {

  static final String SECRET = "run-webhook-it-secret-0123456789";

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private final AtomicBoolean up = new AtomicBoolean(true);

  @AfterEach
  void close() throws Exception {
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /** Verifies each signature; records and answers 200 while up, else 503. */
  private HttpServer receiver() throws Exception {
    return vertx
        .createHttpServer()
        .requestHandler(
            req ->
                req.body()
                    .onSuccess(
                        body -> {
                          String ts = req.getHeader(WebhookSignature.TIMESTAMP_HEADER);
                          boolean valid =
                              ts != null
                                  && WebhookSignature.verify(
                                      SECRET,
                                      Long.parseLong(ts),
                                      body.getBytes(),
                                      req.getHeader(WebhookSignature.SIGNATURE_HEADER));
                          if (!valid) {
                            badSignatures.incrementAndGet();
                            req.response().setStatusCode(401).end();
                          } else if (!up.get()) {
                            req.response().setStatusCode(503).end();
                          } else {
                            received.add(new JsonObject(body));
                            req.response().setStatusCode(204).end();
                          }
                        }))
        .listen(0, "127.0.0.1")
        .await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private Path config(MockCloud mock, int receiverPort) throws Exception {
    String rest = "http://127.0.0.1:" + mock.restPort() + "/bticino";
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "service: {host: 127.0.0.1, httpPort: 0, tcpPort: 0}",
            "tokenStore: {path: tokens.json}",
            "journal: {path: data}",
            "accounts:",
            "  - adapter: bticino",
            "    account: home",
            "    username: demo@cloudbus.invalid",
            "    password: demo-password",
            "    clientSecret: mock-client-secret",
            "    endpoints:",
            "      tokenUrl: " + rest + "/oauth2/token",
            "      apiBaseUrl: " + rest,
            "      socketUrl: ws://127.0.0.1:" + mock.port() + "/bticino/ws/",
            "webhooks:",
            "  - name: doorbell",
            "    url: http://127.0.0.1:" + receiverPort + "/hooks/s3cr3t-path-token",
            "    secret: ${WEBHOOK_SECRET}",
            "    filter: {vendor: bticino, type: doorbell.}",
            "    retryInitialDelayMs: 50",
            "    retryMaxDelayMs: 200",
            "    maxAttempts: 100000",
            ""));
    return file;
  }

  private static void ring(MockCloud mock, String call) throws Exception {
    DemoTraffic.Step step = DemoTraffic.bticino(DemoTraffic.rtc(call, "offer"));
    var resp = Http.post(mock.adminUrl() + step.path(), ((JsonObject) step.body()).encode());
    assertThat(resp.statusCode() / 100).as(resp.body()).isEqualTo(2);
  }

  private static CliRun run(Path config) {
    CliRun cli = new CliRun();
    cli.env.put("WEBHOOK_SECRET", SECRET);
    return cli.start("run", "--config", config.toString());
  }

  private static void awaitConnected(String http) {
    await()
        .atMost(PATIENT)
        .untilAsserted(
            () ->
                assertThat(
                        new JsonArray(Http.get(http + "/api/accounts").body())
                            .getJsonObject(0)
                            .getString("state"))
                    .isEqualTo("connected"));
  }

  private List<String> ids() {
    return received.stream().map(e -> e.getString("id")).toList();
  }

  @Test
  void runDeliversSignedEventsAndCatchesUpAfterARestart() throws Exception {
    // GIVEN a mock cloud, a verifying receiver and `run` with a webhook to it
    MockCloud mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    try {
      HttpServer server = receiver();
      Path config = config(mock, server.actualPort());
      String firstId;
      try (CliRun cli = run(config)) {
        String http = cli.awaitDashboard();
        awaitConnected(http);

        // WHEN a ring is pushed through the mock
        ring(mock, "call-one");

        // THEN it arrives signed, as a structured CloudEvent
        await().atMost(PATIENT).until(() -> received.size() == 1);
        JsonObject event = received.get(0);
        assertThat(event.getString("type")).isEqualTo("io.cloudbus.doorbell.ring");
        assertThat(event.getString("source")).isEqualTo("/cloudbus/bticino/home");
        firstId = event.getString("id");

        // AND /metrics counts it under the webhook's name, never its URL or secret
        await()
            .atMost(PATIENT)
            .untilAsserted(
                () ->
                    assertThat(Http.get(http + "/metrics").body())
                        .contains("cloudbus_webhook_delivered_total{webhook=\"doorbell\"} 1.0")
                        .contains("cloudbus_webhook_dead_letters_total{webhook=\"doorbell\"} 0.0")
                        .contains("cloudbus_webhook_backlog{webhook=\"doorbell\"}")
                        .containsPattern(
                            "cloudbus_webhook_last_success_seconds\\{webhook=\"doorbell\"} [1-9]")
                        .doesNotContain("s3cr3t-path-token")
                        .doesNotContain(SECRET));

        // WHEN the receiver fails (503) and another ring comes, then `run` stops
        up.set(false);
        ring(mock, "call-two");
        await()
            .atMost(PATIENT)
            .untilAsserted(
                () ->
                    assertThat(Http.get(http + "/metrics").body())
                        .containsPattern(
                            "cloudbus_webhook_retries_total\\{webhook=\"doorbell\"} [1-9]"));
        assertThat(cli.stop()).isZero();
        assertThat(cli.out() + cli.err())
            .doesNotContain(SECRET)
            .doesNotContain("s3cr3t-path-token");
      }

      // THEN after a restart, with the receiver back, the second ring arrives once
      up.set(true);
      try (CliRun cli = run(config)) {
        String http = cli.awaitDashboard();
        await().atMost(PATIENT).until(() -> received.size() == 2);
        awaitConnected(http);
        ring(mock, "call-three");
        await().atMost(PATIENT).until(() -> received.size() == 3);
        assertThat(cli.stop()).isZero();
      }
      assertThat(ids()).doesNotHaveDuplicates().first().isEqualTo(firstId);
      assertThat(ids().get(1)).contains("call-two");
      assertThat(ids().get(2)).contains("call-three");
      assertThat(badSignatures).hasValue(0);
    } finally {
      mock.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
