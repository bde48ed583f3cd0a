package io.cloudbus.mock;

import static io.cloudbus.mock.Patience.PATIENT;
import static io.cloudbus.mock.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MockCloudSocketIT {
  private static final Duration WAIT = PATIENT;

  @RegisterExtension
  static MockCloudExtension mock = new MockCloudExtension(List.of(new EchoEmulation()));

  private final List<WsProbe> probes = new ArrayList<>();

  @AfterEach
  void closeProbes() {
    probes.forEach(WsProbe::close);
  }

  private WsProbe connect(String query) throws Exception {
    String url =
        mock.cloud().endpoints("echo").getString("socketUrl") + (query == null ? "" : "?" + query);
    WsProbe probe = WsProbe.connect(mock.vertx(), url);
    probes.add(probe);
    return probe;
  }

  private WsProbe joined(String user) throws Exception {
    WsProbe probe = connect(null);
    probe.send(new JsonObject().put("action", "join").put("user", user));
    await().atMost(WAIT).until(() -> probe.has("joined"));
    return probe;
  }

  private JsonObject echoStats() {
    return mock.admin().stats().getJsonObject("echo");
  }

  @Test
  void pushesReachOnlyMatchingSocketsAndAreCounted() throws Exception {
    // GIVEN two sockets joined to different users
    WsProbe ann = joined("ann");
    WsProbe bob = joined("bob");
    // WHEN the admin pushes one event for ann and one for everybody
    JsonObject result =
        mock.admin()
            .post(
                "/echo/events",
                new JsonArray()
                    .add(new JsonObject().put("user", "ann").put("n", 1))
                    .add(new JsonObject().put("n", 2)));
    // THEN
    assertThat(result.getInteger("pushed")).isEqualTo(2);
    await()
        .atMost(WAIT)
        .until(() -> ann.frames.stream().filter(f -> f.contains("\"event\"")).count() == 2);
    await()
        .atMost(WAIT)
        .until(() -> bob.frames.stream().filter(f -> f.contains("\"event\"")).count() == 1);
    assertThat(ann.frames.get(0)).contains("hello");
    JsonObject stats = echoStats();
    assertThat(stats.getLong("connections")).isEqualTo(2L);
    assertThat(stats.getLong("handshakes")).isEqualTo(2L);
    assertThat(stats.getLong("pushed")).isEqualTo(3L);
  }

  @Test
  void handshakeStatusRejectsTheUpgrade() throws Exception {
    mock.admin().faults("echo", new JsonObject().put("handshakeStatus", 403));
    WsProbe probe = connect(null);
    assertThat(probe.rejectedStatus).isEqualTo(403);
    assertThat(echoStats().getLong("rejectedUpgrades")).isEqualTo(1L);
    assertThat(echoStats().getLong("connections")).isZero();
    mock.admin().clearFaults("echo");
    assertThat(connect(null).rejectedStatus).isZero();
  }

  @Test
  void upgradeCheckOfTheEmulationRejectsExpiredTokens() throws Exception {
    String token = mock.cloud().context("echo").tokens().login("ann").accessToken();
    assertThat(connect("token=" + token).rejectedStatus).isZero();
    mock.admin().expireAccessTokens("echo");
    assertThat(connect("token=" + token).rejectedStatus).isEqualTo(401);
  }

  @Test
  void silentSocketSendsAndAnswersNothingUntilCleared() throws Exception {
    mock.admin().faults("echo", new JsonObject().put("silent", true));
    WsProbe probe = connect(null);
    probe.send(new JsonObject().put("action", "ping"));
    probe.ping();
    // no hello, no app-level pong, no WebSocket pong: half-open for the client
    await()
        .during(Duration.ofSeconds(1))
        .atMost(WAIT)
        .until(
            () -> probe.frames.isEmpty() && probe.pongs.isEmpty() && !probe.closed,
            ok -> {
              if (!ok) {
                System.out.println(
                    "silent probe: " + probe.frames + " " + probe.pongs + " " + probe.closed);
              }
              return ok;
            });
    assertThat(echoStats().getLong("connections")).isEqualTo(1L);
    // WHEN the fault is cleared THEN the socket reads again (the queued ping is answered)
    mock.admin().clearFaults("echo");
    await().atMost(WAIT).until(() -> probe.has("pong") && !probe.pongs.isEmpty());
  }

  @Test
  void malformedEveryPutsABadFrameBeforeEveryNthPush() throws Exception {
    WsProbe probe = joined("ann");
    mock.admin().faults("echo", new JsonObject().put("malformedEvery", 2));
    JsonArray events = new JsonArray();
    for (int i = 1; i <= 4; i++) {
      events.add(new JsonObject().put("n", i));
    }
    mock.admin().post("/echo/events", events);
    await().atMost(WAIT).until(() -> probe.frames.size() == 2 + 4 + 2);
    List<String> pushed = probe.frames.subList(2, 8);
    assertThat(pushed.get(1)).isEqualTo(io.cloudbus.mock.impl.TestAccess.malformedFrame());
    assertThat(pushed.get(2)).contains("\"n\":2");
    assertThat(pushed.get(4)).isEqualTo(io.cloudbus.mock.impl.TestAccess.malformedFrame());
    assertThat(pushed.get(5)).contains("\"n\":4");
    assertThat(echoStats().getLong("pushed")).isEqualTo(4L);
  }

  @Test
  void latencyDelaysTheUpgrade() throws Exception {
    mock.admin().faults("echo", new JsonObject().put("latencyMs", 500));
    long start = System.nanoTime();
    WsProbe probe = connect(null);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(500);
    await().atMost(WAIT).until(() -> probe.has("hello"));
  }

  @Test
  void acceptThenCloseClosesRightAfterTheHandshakeReply() throws Exception {
    mock.admin().faults("echo", new JsonObject().put("acceptThenClose", true));
    WsProbe probe = connect(null);
    probe.send(new JsonObject().put("action", "join").put("user", "ann"));
    await().atMost(WAIT).until(() -> probe.closed);
    assertThat(probe.has("joined")).isTrue();
    assertThat(probe.closeCode).isEqualTo((short) 1000);
    assertThat(echoStats().getLong("handshakes")).isEqualTo(1L);
  }

  @Test
  void disconnectCloseSendsTheCode() throws Exception {
    WsProbe probe = joined("ann");
    JsonObject result = mock.admin().disconnect("echo", DisconnectMode.CLOSE, 4001);
    assertThat(result.getInteger("disconnected")).isEqualTo(1);
    await().atMost(WAIT).until(() -> probe.closed);
    assertThat(probe.closeCode).isEqualTo((short) 4001);
    await().atMost(WAIT).until(() -> mock.cloud().context("echo").sockets().size() == 0);
  }

  @Test
  void disconnectAbortLeavesTheClientWith1006() throws Exception {
    WsProbe probe = joined("ann");
    mock.admin().disconnect("echo", DisconnectMode.ABORT, null);
    await().atMost(WAIT).until(() -> probe.closed);
    assertThat(probe.closeCode).isEqualTo((short) 1006);
  }

  @Test
  void maxConnectsPerSecRejectsTheBurstWith429() throws Exception {
    mock.admin().faults("echo", new JsonObject().put("maxConnectsPerSec", 1));
    String url = mock.cloud().endpoints("echo").getString("socketUrl");
    List<CompletableFuture<WsProbe>> burst = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      burst.add(WsProbe.connectAsync(mock.vertx(), url));
    }
    List<WsProbe> results = new ArrayList<>();
    for (CompletableFuture<WsProbe> f : burst) {
      results.add(f.get(PATIENT_SECONDS, TimeUnit.SECONDS));
    }
    probes.addAll(results);
    assertThat(results.stream().filter(p -> p.rejectedStatus == 429).count())
        .isGreaterThanOrEqualTo(1);
    assertThat(results.stream().filter(p -> p.rejectedStatus == 0).count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void resetDropsSocketsAndZeroesEverything() throws Exception {
    WsProbe probe = joined("ann");
    mock.admin().faults("echo", new JsonObject().put("silent", true));
    int resetsBefore = mock.cloud().emulation("echo", EchoEmulation.class).resets();
    mock.admin().reset();
    await().atMost(WAIT).until(() -> probe.closed);
    assertThat(probe.closeCode).isEqualTo((short) 1001);
    assertThat(echoStats().getLong("connections")).isZero();
    assertThat(echoStats().getLong("handshakes")).isZero();
    assertThat(mock.admin().send("GET", "/echo/faults", null)).isEqualTo(new JsonObject());
    assertThat(mock.cloud().emulation("echo", EchoEmulation.class).resets())
        .isEqualTo(resetsBefore + 1);
  }
}
