package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SockJS bridge with an independent client: the official npm {@code
 * @vertx/eventbus-bridge-client.js@1.0.0} over {@code sockjs-client@1.6.1}, run under Node. Skipped
 * (with the reason) when {@code node}/{@code npm} are missing or the packages cannot be installed.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SockJsBridgeNodeIT {

  private static final Path DIR = Path.of("target", "node-client");

  @BeforeAll
  static void installClient() throws Exception {
    Assumptions.assumeTrue(onPath("node") && onPath("npm"), "node and npm are not installed");
    Files.createDirectories(DIR);
    try (InputStream script =
        SockJsBridgeNodeIT.class.getResourceAsStream("/node/sockjs-client.js")) {
      Files.copy(script, DIR.resolve("sockjs-client.js"), StandardCopyOption.REPLACE_EXISTING);
    }
    if (Files.isDirectory(DIR.resolve("node_modules/@vertx/eventbus-bridge-client.js"))
        && Files.isDirectory(DIR.resolve("node_modules/sockjs-client"))) {
      return;
    }
    Process npm =
        new ProcessBuilder(
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                DIR.toString(),
                "@vertx/eventbus-bridge-client.js@1.0.0",
                "sockjs-client@1.6.1")
            .redirectErrorStream(true)
            .redirectOutput(DIR.resolve("npm-install.log").toFile())
            .start();
    boolean done = npm.waitFor(240, TimeUnit.SECONDS);
    Assumptions.assumeTrue(
        done && npm.exitValue() == 0,
        "npm install of the event bus client failed; see " + DIR.resolve("npm-install.log"));
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void overWebSocket(Vertx vertx) throws Exception {
    officialClientReceivesPermittedAddressesAndCommandsNeedTheRole(vertx, "websocket");
  }

  @Test
  void overXhrStreaming(Vertx vertx) throws Exception {
    officialClientReceivesPermittedAddressesAndCommandsNeedTheRole(vertx, "xhr-streaming");
  }

  @Test
  void overXhrPolling(Vertx vertx) throws Exception {
    officialClientReceivesPermittedAddressesAndCommandsNeedTheRole(vertx, "xhr-polling");
  }

  /**
   * The client limited to one SockJS transport: events and statuses arrive, the command token's
   * command is answered, the reader's command and a register outside the permits are refused.
   */
  private void officialClientReceivesPermittedAddressesAndCommandsNeedTheRole(
      Vertx vertx, String transport) throws Exception {
    GatewayService service =
        GatewayService.start(
                vertx,
                TestEvents.options()
                    .addToken("reader-secret", Role.READ)
                    .addToken("admin-secret", Role.COMMAND)
                    .build())
            .await();
    List<JsonObject> commands = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> adapter =
        vertx
            .eventBus()
            .consumer(
                "cloudbus.command.generic.lab",
                m -> {
                  commands.add(m.body().copy().put("headerNames", m.headers().names().toString()));
                  m.reply(new JsonObject().put("ok", m.body().getString("as")));
                });
    adapter.completion().await();
    String url = "http://127.0.0.1:" + service.httpPort() + "/eventbus?token=reader-secret";
    Process node =
        new ProcessBuilder("node", "sockjs-client.js", url, "admin-secret", transport)
            .directory(DIR.toFile())
            .redirectErrorStream(true)
            .start();
    List<JsonObject> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readLines(node, lines), "node-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      patiently(lines).until(() -> has(lines, "sent"));
      // the session really runs on that transport (SockJS would otherwise fall back silently)
      assertThat(
              lines.stream()
                  .filter(l -> "open".equals(l.getString("event")))
                  .findFirst()
                  .orElseThrow()
                  .getString("transport"))
          .as(lines.toString())
          .isEqualTo(transport);
      // WHEN events and statuses are published (again until the registrations have landed)
      patiently(lines)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
                TestEvents.status(vertx, "simplisafe", "home", "connected");
                assertThat(
                        lines.stream()
                            .filter(l -> "message".equals(l.getString("event")))
                            .map(l -> l.getString("address"))
                            .distinct())
                    .as("addresses received, in %s", lines)
                    .hasSize(3);
              });
      // THEN the event arrived as a CloudEvent on both event addresses, and the status too
      JsonObject message =
          lines.stream()
              .filter(l -> "cloudbus.events".equals(l.getString("address")))
              .findFirst()
              .orElseThrow();
      assertThat(message.getJsonObject("body").getString("type"))
          .isEqualTo("io.cloudbus.alarm.triggered");
      // AND the command with the command token was answered, the one without refused
      patiently(lines).until(() -> reply(lines, "commander") != null);
      assertThat(reply(lines, "commander").getJsonObject("body").getString("ok"))
          .isEqualTo("commander");
      assertThat(commands).hasSize(1);
      assertThat(commands.get(0).getString("headerNames")).doesNotContain("token");
      // AND the register outside the permits and the reader's command were refused
      await()
          .atMost(PATIENT)
          .until(
              () ->
                  lines.stream()
                          .filter(
                              l ->
                                  "error".equals(l.getString("event")) || l.getValue("err") != null)
                          .count()
                      >= 2);
      assertThat(lines.toString()).contains("access_denied").contains("rejected");
      assertThat(Http.get(service.httpPort(), "/metrics", "reader-secret").body())
          .contains("cloudbus_clients{transport=\"sockjs\"} 1.0")
          .contains("cloudbus_events_out_total{transport=\"sockjs\"}");
    } finally {
      node.destroy();
      node.waitFor(10, TimeUnit.SECONDS);
      adapter.unregister().await();
      service.close().await();
    }
  }

  /**
   * A wait bounded by the patience that fails at once, showing what the client printed, if its
   * session closed: nothing can arrive after that.
   */
  private static ConditionFactory patiently(List<JsonObject> lines) {
    return await()
        .atMost(PATIENT)
        .failFast(
            "the client's SockJS session closed",
            () -> assertThat(has(lines, "close")).as("session closed: %s", lines).isFalse());
  }

  private static JsonObject reply(List<JsonObject> lines, String as) {
    return lines.stream()
        .filter(l -> "reply".equals(l.getString("event")) && as.equals(l.getString("as")))
        .filter(l -> l.getValue("body") != null)
        .findFirst()
        .orElse(null);
  }

  private static boolean has(List<JsonObject> lines, String event) {
    return lines.stream().anyMatch(l -> event.equals(l.getString("event")));
  }

  private static void readLines(Process node, List<JsonObject> lines) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("{")) {
          lines.add(new JsonObject(line));
        } else {
          lines.add(new JsonObject().put("event", "log").put("text", line));
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }
}
