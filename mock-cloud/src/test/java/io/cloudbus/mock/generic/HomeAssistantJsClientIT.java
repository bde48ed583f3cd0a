package io.cloudbus.mock.generic;

import static io.cloudbus.mock.Patience.PATIENT;
import static io.cloudbus.mock.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mock.NodeProject;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Home Assistant JS client ({@code home-assistant-js-websocket} 9.7.0 with {@code ws}
 * 8, pinned in {@code src/test/resources/node/ha-client/package-lock.json}, installed with {@code
 * npm ci}) runs its public API against the mock under Node: auth, {@code getUser}/{@code
 * getConfig}/{@code getServices}/{@code getStates}, {@code subscribeConfig}/{@code
 * subscribeServices}, {@code subscribeEntities} seeing an admin push, {@code subscribeEvents},
 * {@code callService} changing a state, an error result, {@code ping}, unsubscribe, and a reconnect
 * after a mock restart on the same port. The script exits non-zero on any unhandled rejection.
 * Skipped (with the reason) when node/npm are missing or the packages cannot be installed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HomeAssistantJsClientIT {

  private static NodeProject project;

  private Vertx vertx;
  private MockCloud cloud;
  private Process node;

  @BeforeAll
  static void install() throws Exception {
    project = NodeProject.install("ha-client", "home-assistant-js-websocket");
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.destroyForcibly();
    }
    if (cloud != null) {
      cloud.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private MockCloudOptions options;

  private static MockCloudOptions options() {
    return new MockCloudOptions().emulations(List.of(new HomeAssistantEmulation()));
  }

  @Test
  void officialClientRunsItsPublicApiWithoutARejection() throws Exception {
    options = options();
    runTheClient();
  }

  /**
   * The same over TLS: the client (Node's {@code ws} given the mock's certificate as its CA)
   * insists on a trusted certificate; the restarted mock keeps its identity (same TLS directory).
   */
  @Test
  void officialClientOverWssTrustingTheMocksCertificate(@TempDir Path tlsDir) throws Exception {
    options = options().tls(true).tlsDir(tlsDir.toString());
    runTheClient();
  }

  private void runTheClient() throws Exception {
    // GIVEN the mock and the official client connected to it
    vertx = Vertx.vertx();
    cloud = MockCloud.start(vertx, options).await(PATIENT_SECONDS, TimeUnit.SECONDS);
    int port = cloud.port();
    String hassUrl = cloud.endpoints("home-assistant").getString("url").replaceFirst("^ws", "http");
    node =
        cloud.tls() == null
            ? project.run(
                "ha-client.mjs", hassUrl, HomeAssistantEmulation.LONG_LIVED_TOKEN, cloud.adminUrl())
            : project.run(
                "ha-client.mjs",
                hassUrl,
                HomeAssistantEmulation.LONG_LIVED_TOKEN,
                cloud.adminUrl(),
                cloud.tls().caFile().toAbsolutePath().toString());
    List<JsonObject> steps = new CopyOnWriteArrayList<>();
    NodeProject.readLines(node, steps);
    OutputStream toNode = node.getOutputStream();

    JsonObject connected = awaitStep(steps, "connected");
    assertThat(connected.getString("haVersion")).isEqualTo(HomeAssistantConnection.HA_VERSION);
    assertThat(awaitStep(steps, "user").getString("id")).isEqualTo(HomeAssistantInfo.USER_ID);
    assertThat(awaitStep(steps, "config").getString("version"))
        .isEqualTo(HomeAssistantConnection.HA_VERSION);
    assertThat(awaitStep(steps, "services").getJsonArray("domains"))
        .contains("light", "switch", "weather");
    JsonObject entities = awaitStep(steps, "entities");
    assertThat(entities.getInteger("count")).isEqualTo(4);
    assertThat(entities.getString("kitchen")).isEqualTo("off");
    assertThat(entities.getString("kitchenContext")).hasSize(26);

    // WHEN an admin push turns the kitchen light on
    awaitStep(steps, "awaitPush");
    JsonObject kitchenOn =
        new JsonObject()
            .put("type", "event")
            .put(
                "event",
                new JsonObject()
                    .put("event_type", "state_changed")
                    .put(
                        "data",
                        new JsonObject()
                            .put("entity_id", "light.kitchen")
                            .put(
                                "new_state",
                                new JsonObject()
                                    .put("entity_id", "light.kitchen")
                                    .put("state", "on")
                                    .put("attributes", new JsonObject().put("brightness", 128)))));
    JsonObject pushed = MockCloudAdminClient.of(cloud).pushGeneric("home-assistant", kitchenOn);
    // one frame for subscribeEntities, one for the state_changed subscription
    assertThat(pushed.getInteger("pushed")).isEqualTo(2);
    go(toNode);

    // THEN the entities collection and the event subscription both saw it, with one context
    JsonObject seen = awaitStep(steps, "pushSeen");
    assertThat(seen.getString("kitchen")).isEqualTo("on");
    assertThat(seen.getInteger("brightness")).isEqualTo(128);
    assertThat(seen.getString("eventContext")).isEqualTo(seen.getString("entityContext"));
    assertThat(seen.getString("timeFired")).matches(".*T.*\\+00:00");
    // and get_states answers the same state machine
    JsonObject called = awaitStep(steps, "serviceCalled");
    assertThat(called.getString("coffee")).isEqualTo("on");
    assertThat(called.getString("coffeeContext")).isEqualTo(called.getString("context"));
    assertThat(called.getString("userId")).isEqualTo(HomeAssistantInfo.USER_ID);
    assertThat(awaitStep(steps, "serviceRejected").getString("code")).isEqualTo("not_found");
    awaitStep(steps, "pong");
    awaitStep(steps, "unsubscribed");
    JsonArray states =
        MockCloudAdminClient.of(cloud)
            .send("GET", "/home-assistant/states", null)
            .getJsonArray("states");
    assertThat(states.stream().map(JsonObject.class::cast))
        .anySatisfy(
            s -> {
              assertThat(s.getString("entity_id")).isEqualTo("switch.coffee");
              assertThat(s.getString("state")).isEqualTo("on");
            });

    // WHEN the mock restarts on the same port (fresh states)
    awaitStep(steps, "awaitRestart");
    cloud.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    cloud = MockCloud.start(vertx, options.port(port)).await(PATIENT_SECONDS, TimeUnit.SECONDS);
    go(toNode);

    // THEN the client reconnects, resubscribes and sees the fresh states, and exits cleanly
    JsonObject reconnected = awaitStep(steps, "reconnected");
    assertThat(reconnected.getString("kitchen")).isEqualTo("off");
    assertThat(reconnected.getInteger("count")).isEqualTo(4);
    awaitStep(steps, "done");
    assertThat(node.waitFor(PATIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as(steps.toString()).isZero();
    assertThat(steps).noneMatch(s -> "unhandledRejection".equals(s.getString("step")));
  }

  private static void go(OutputStream toNode) throws Exception {
    toNode.write("go\n".getBytes(StandardCharsets.UTF_8));
    toNode.flush();
  }

  /** Waits for a step; a failure or rejection reported first fails the test with every line. */
  private JsonObject awaitStep(List<JsonObject> steps, String name) {
    await()
        .atMost(PATIENT)
        .until(
            () ->
                steps.stream()
                        .anyMatch(
                            s ->
                                name.equals(s.getString("step"))
                                    || "failed".equals(s.getString("step"))
                                    || "unhandledRejection".equals(s.getString("step")))
                    || !node.isAlive());
    return steps.stream()
        .filter(s -> name.equals(s.getString("step")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + "; the client said " + steps));
  }
}
