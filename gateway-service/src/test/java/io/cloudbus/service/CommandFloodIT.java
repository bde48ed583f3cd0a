package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static io.cloudbus.service.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.Registration;
import io.cloudbus.core.TokenStore;
import io.cloudbus.generic.GenericAdapterProvider;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A command flood over the TCP bridge against a generic home-assistant account on the mock cloud:
 * the command rate limits answer {@code rate_limited} before the adapter, so the account's traffic
 * guard never trips, commands within the limits still get their replies, and a witness keeps
 * receiving events.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CommandFloodIT {

  private static final Duration WAIT = PATIENT;
  private static final String COMMAND = CloudbusAddresses.command("home-assistant", "home");
  private static final int FLOOD = 6_000;
  private static final int BATCH = 500;

  @Test
  void aFloodIsRateLimitedBeforeTheAdapterAndTheAccountStaysConnected(Vertx vertx)
      throws Exception {
    // GIVEN the mock cloud, a home-assistant account and the service with a command token
    MockCloud mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    JsonObject ep = mock.endpoints("home-assistant");
    CloudSocket socket =
        new GenericAdapterProvider()
            .create(
                vertx,
                new JsonObject()
                    .put("adapter", "generic")
                    .put("profile", "home-assistant")
                    .put("account", "home")
                    .put("url", ep.getString("url"))
                    .put("token", ep.getString("token")),
                TokenStore.inMemory());
    GatewayService service =
        GatewayService.start(
                vertx, TestEvents.options().addToken("cmd", Role.READ, Role.COMMAND).build())
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    Registration attached = service.attach(socket);
    vertx.deployVerticle(socket).await(PATIENT_SECONDS, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> socket.state() == ConnectionState.CONNECTED);
    List<String> states = new CopyOnWriteArrayList<>();
    vertx
        .eventBus()
        .<JsonObject>consumer(
            CloudbusAddresses.STATUS, m -> states.add(m.body().getString("state")));

    try (TcpTestClient flooder = new TcpTestClient(service.tcpPort());
        TcpTestClient legit = new TcpTestClient(service.tcpPort());
        TcpTestClient witness = new TcpTestClient(service.tcpPort())) {
      JsonObject auth =
          new JsonObject().put("type", "ping").put("headers", new JsonObject().put("token", "cmd"));
      for (TcpTestClient c : List.of(flooder, legit, witness)) {
        c.send(auth);
        c.sync();
      }
      witness.send(
          new JsonObject().put("type", "register").put("address", CloudbusAddresses.EVENTS));
      witness.sync();

      // WHEN one client sends 6000 commands as fast as the socket takes them
      JsonObject command =
          new JsonObject()
              .put("type", "send")
              .put("address", COMMAND)
              .put(
                  "body",
                  new JsonObject()
                      .put("action", "send")
                      .put("message", new JsonObject().put("type", "ping")));
      for (int sent = 0; sent < FLOOD; sent += BATCH) {
        JsonObject[] batch = new JsonObject[BATCH];
        java.util.Arrays.fill(batch, command);
        flooder.send(batch);
      }
      flooder.sync();

      // THEN all but its own minute's allowance (30, plus a token per 2 s of refill) are refused
      long refused =
          flooder.frames.stream()
              .filter(f -> "rate_limited".equals(f.getString("message")))
              .peek(f -> assertThat(f.getString("address")).isEqualTo(COMMAND))
              .count();
      assertThat(refused).isGreaterThanOrEqualTo(FLOOD - 100).isLessThan(FLOOD);

      // AND another client's requests within the limits get the vendor's replies
      for (int i = 0; i < 5; i++) {
        legit.send(
            command.copy().put("replyAddress", "reply-" + i).put("headers", new JsonObject()));
      }
      for (int i = 0; i < 5; i++) {
        String address = "reply-" + i;
        JsonObject reply = legit.awaitFrame(f -> address.equals(f.getString("address")));
        assertThat(reply.getString("type")).isEqualTo("message");
        assertThat(reply.getJsonObject("body").getJsonObject("result").containsKey("reply"))
            .isTrue();
      }

      // AND the account never left connected: the guard did not trip
      assertThat(socket.state()).isEqualTo(ConnectionState.CONNECTED);
      assertThat(states).doesNotContain("backoff", "stopped");

      // AND the witness still receives events
      new MockCloudAdminClient(mock.adminUrl())
          .pushGeneric(
              "home-assistant",
              new JsonObject()
                  .put("type", "event")
                  .put(
                      "event",
                      new JsonObject()
                          .put("event_type", "state_changed")
                          .put(
                              "data",
                              new JsonObject()
                                  .put("entity_id", "light.flood")
                                  .put("old_state", new JsonObject().put("state", "off"))
                                  .put("new_state", new JsonObject().put("state", "on")))));
      witness.awaitFrame(
          f -> "message".equals(f.getString("type")) && f.encode().contains("light.flood"));

      // AND the refusals are counted (bounded bookkeeping: counters, not queued frames)
      String metrics = Http.get(service.httpPort(), "/metrics", "cmd").body();
      assertThat(metrics)
          .contains("cloudbus_commands_rate_limited_total{scope=\"client\",transport=\"tcp\"}");
    } finally {
      attached.remove();
      service.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
      mock.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
