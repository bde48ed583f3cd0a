package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.testing.CapturingScheduler;
import io.cloudbus.core.testing.StubAuth;
import io.cloudbus.core.testing.TestSocket;
import io.cloudbus.core.testing.TestWsServer;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CloudSocketIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private Vertx vertx;
  private TestWsServer server;
  private CapturingScheduler timers;
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private final List<JsonObject> accountEvents = new CopyOnWriteArrayList<>();
  private final List<Message<Object>> statuses = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = get(new TestWsServer(vertx).start());
    timers = new CapturingScheduler(vertx).compress(TimerScheduler.RECONNECT, 20);
    vertx.eventBus().<JsonObject>consumer(CloudbusAddresses.EVENTS, m -> events.add(m.body()));
    vertx
        .eventBus()
        .<JsonObject>consumer(
            CloudbusAddresses.events("test", "acc"), m -> accountEvents.add(m.body()));
    vertx.eventBus().consumer(CloudbusAddresses.STATUS, statuses::add);
  }

  @AfterEach
  void tearDown() throws Exception {
    get(server.close());
  }

  private static CloudSocketOptions.Builder options() {
    return CloudSocketOptions.builder("test", "acc")
        .reconnectInitialDelayMs(1_000)
        .reconnectMaxDelayMs(30_000)
        .handshakeTimeoutMs(5_000)
        .replyTimeoutMs(2_000);
  }

  private TestSocket socket(CloudSocketOptions options, AuthHandler auth) {
    TestSocket s = new TestSocket(options, auth, server.port());
    s.useTimerScheduler(timers);
    return s;
  }

  private TestSocket deployed(CloudSocketOptions options, AuthHandler auth) throws Exception {
    TestSocket s = socket(options, auth);
    get(vertx.deployVerticle(s));
    return s;
  }

  private static void awaitState(CloudSocket s, ConnectionState state) {
    await().atMost(WAIT).until(() -> s.state() == state);
  }

  static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage()
        .toCompletableFuture()
        .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> f) throws Exception {
    try {
      get(f);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  private List<String> ids(List<JsonObject> list) {
    return list.stream().map(j -> j.getString("id")).toList();
  }

  @Test
  void publishesEventsOnBothAddressesWithHeadersAndDropsDuplicates() throws Exception {
    // GIVEN a connected socket with an event handler
    TestSocket s = deployed(options().build(), null);
    List<CloudbusEvent> handled = new CopyOnWriteArrayList<>();
    s.onEvent(handled::add);
    List<Message<JsonObject>> raw = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(CloudbusAddresses.events("test", "acc"), raw::add);
    awaitState(s, ConnectionState.CONNECTED);

    // WHEN the server pushes e1, e1 again (retransmit) and e2
    server.pushEvent("e1", "alarm.triggered");
    server.pushEvent("e1", "alarm.triggered");
    server.pushEvent("e2", "security.disarmed");

    // THEN each is published once, on both addresses, with headers, and handled
    await().atMost(WAIT).until(() -> events.size() == 2 && accountEvents.size() == 2);
    assertThat(ids(events)).containsExactly("e1", "e2");
    assertThat(events.get(0).getString("type")).isEqualTo("io.cloudbus.alarm.triggered");
    await().atMost(WAIT).until(() -> handled.size() == 2 && raw.size() == 2);
    Message<JsonObject> first = raw.get(0);
    assertThat(first.headers().get("vendor")).isEqualTo("test");
    assertThat(first.headers().get("account")).isEqualTo("acc");
    assertThat(first.headers().get("type")).isEqualTo("io.cloudbus.alarm.triggered");
    assertThat(s.stats().getLong("duplicatesDropped")).isEqualTo(1);
    assertThat(s.stats().getLong("eventsPublished")).isEqualTo(2);
    // the server's hello arrived before the handshake asked: handed to toEvents afterwards
    assertThat(s.mappedTypes).contains("hello");
  }

  @Test
  void statusIsPublishedOnEveryChange() throws Exception {
    // GIVEN / WHEN a socket connects and then disconnects
    TestSocket s = deployed(options().build(), null);
    awaitState(s, ConnectionState.CONNECTED);
    get(s.disconnect());

    // THEN connecting, connected and offline were published with the contract fields
    await()
        .atMost(WAIT)
        .until(
            () ->
                statuses.stream()
                    .map(m -> ((JsonObject) m.body()).getString("state"))
                    .toList()
                    .containsAll(List.of("connecting", "connected", "offline")));
    Message<Object> msg = statuses.get(0);
    assertThat(msg.headers().get("type")).isEqualTo("status");
    assertThat(msg.headers().get("vendor")).isEqualTo("test");
    JsonObject body = (JsonObject) msg.body();
    assertThat(body.getString("vendor")).isEqualTo("test");
    assertThat(body.getString("account")).isEqualTo("acc");
    assertThat(Instant.parse(body.getString("since"))).isNotNull();
    assertThat(s.status().getString("state")).isEqualTo("offline");
  }

  @Test
  void transientFailuresBackOffExponentiallyWithJitterAndCap() throws Exception {
    // GIVEN a server that refuses the upgrade with 503
    server.rejectStatus = 503;
    TestSocket s = deployed(options().reconnectMaxDelayMs(8_000).build(), null);

    // WHEN the socket has retried several times
    await().atMost(WAIT).until(() -> timers.delays(TimerScheduler.RECONNECT).size() >= 7);

    // THEN attempt n waited within [0, min(8000, 2^(n-1) * 1000)]
    List<Long> delays = timers.delays(TimerScheduler.RECONNECT);
    for (int n = 1; n <= 7; n++) {
      long bound = Math.min(8_000, (1L << (n - 1)) * 1_000);
      assertThat(delays.get(n - 1)).isBetween(0L, bound);
    }
    JsonObject status = s.status();
    assertThat(status.getString("state")).isIn("backoff", "connecting");
    await()
        .atMost(WAIT)
        .until(
            () ->
                statuses.stream()
                    .map(m -> (JsonObject) m.body())
                    .anyMatch(
                        j ->
                            "backoff".equals(j.getString("state"))
                                && j.getInteger("attempt", 0) >= 3
                                && j.getLong("nextRetryMs") != null
                                && j.getString("reason").contains("HTTP 503")));

    // WHEN the server accepts again THEN the socket connects
    server.rejectStatus = 0;
    awaitState(s, ConnectionState.CONNECTED);
  }

  @Test
  void acceptThenCloseKeepsBackingOffUntilStable() throws Exception {
    // GIVEN a server that closes every socket right after the handshake
    TestSocket s = deployed(options().stableAfterMs(60_000).build(), null);
    s.onConnect(server::closeAll);

    // THEN the attempt counter is not reset by the handshake: it keeps growing
    await()
        .atMost(WAIT)
        .until(
            () ->
                statuses.stream()
                    .map(m -> (JsonObject) m.body())
                    .anyMatch(j -> j.getInteger("attempt", 0) >= 4));
    assertThat(timers.fired(TimerScheduler.STABLE)).isZero();
  }

  @Test
  void attemptCounterResetsAfterAStableConnection() throws Exception {
    // GIVEN three refused attempts, then a connection that stays up past stableAfterMs
    server.rejectStatus = 503;
    timers.compress(TimerScheduler.STABLE, 50);
    TestSocket s = deployed(options().build(), null);
    await().atMost(WAIT).until(() -> timers.delays(TimerScheduler.RECONNECT).size() >= 3);
    server.rejectStatus = 0;
    awaitState(s, ConnectionState.CONNECTED);
    await().atMost(WAIT).until(() -> timers.fired(TimerScheduler.STABLE) >= 1);
    statuses.clear();

    // WHEN the connection drops
    server.closeAll();

    // THEN the next backoff is attempt 1 again
    await()
        .atMost(WAIT)
        .until(
            () ->
                statuses.stream()
                    .map(m -> (JsonObject) m.body())
                    .anyMatch(j -> "backoff".equals(j.getString("state"))));
    JsonObject backoff =
        statuses.stream()
            .map(m -> (JsonObject) m.body())
            .filter(j -> "backoff".equals(j.getString("state")))
            .findFirst()
            .orElseThrow();
    assertThat(backoff.getInteger("attempt")).isEqualTo(1);
    assertThat(backoff.getLong("nextRetryMs")).isBetween(0L, 1_000L);
  }

  @Test
  void rateLimitedUpgradeWaitsLongOrRetryAfter() throws Exception {
    // GIVEN a 429 with Retry-After: 7
    server.rejectStatus = 429;
    server.retryAfter = "7";
    TestSocket s = deployed(options().build(), null);
    await().atMost(WAIT).until(() -> timers.delays(TimerScheduler.RECONNECT).size() >= 1);
    // THEN the vendor's delay is honoured
    assertThat(timers.delays(TimerScheduler.RECONNECT).get(0)).isEqualTo(7_000);

    // GIVEN a 403 without Retry-After THEN the long rate-limit backoff applies
    server.retryAfter = null;
    server.rejectStatus = 403;
    // (one attempt may still be in flight with the old answer)
    int before = timers.delays(TimerScheduler.RECONNECT).size() + 1;
    await().atMost(WAIT).until(() -> timers.delays(TimerScheduler.RECONNECT).size() >= before + 2);
    List<Long> delays = timers.delays(TimerScheduler.RECONNECT);
    for (long d : delays.subList(before, before + 2)) {
      assertThat(d)
          .isBetween(
              CloudSocketOptions.DEFAULT_RATE_LIMITED_MIN_DELAY_MS,
              CloudSocketOptions.DEFAULT_RATE_LIMITED_MAX_DELAY_MS);
    }
    assertThat(s.status().getString("state")).isIn("backoff", "connecting");
  }

  @Test
  void theSocketCreatesItsAuthHandlerOnItsContextAndClosesItOnUndeploy() throws Exception {
    // GIVEN a socket given a factory of its auth handler
    List<StubAuth> created = new CopyOnWriteArrayList<>();
    List<io.vertx.core.Context> createdOn = new CopyOnWriteArrayList<>();
    TestSocket s =
        new TestSocket(
            options().build(),
            () -> {
              createdOn.add(Vertx.currentContext());
              StubAuth a = new StubAuth(vertx, AuthOptions.builder("test/acc").build());
              created.add(a);
              return a;
            },
            server.port());
    s.useTimerScheduler(timers);

    // WHEN it is deployed THEN it created one handler, on its own context, and uses it
    String id = get(vertx.deployVerticle(s));
    awaitState(s, ConnectionState.CONNECTED);
    assertThat(created).hasSize(1);
    assertThat(createdOn).containsExactly(s.verticleContext());
    assertThat(created.get(0).logins.get()).isEqualTo(1);

    // WHEN it is undeployed THEN the handler is closed: no more tokens, no refresh timer
    get(vertx.undeploy(id));
    assertThat(failure(created.get(0).validToken())).hasMessageContaining("auth handler is closed");
  }

  @Test
  void authFailureRefreshesOnceThenAuthFailedWithACappedSchedule() throws Exception {
    // GIVEN a server that refuses every token
    server.tokenOk = t -> false;
    timers.compress(TimerScheduler.RECONNECT, 1_500);
    StubAuth auth = new StubAuth(vertx, AuthOptions.builder("test/acc").build());
    TestSocket s = deployed(options().build(), auth);

    // THEN one refresh, then auth_failed with the first delay of the doubling schedule
    awaitState(s, ConnectionState.AUTH_FAILED);
    JsonObject failed =
        statuses.stream()
            .map(m -> (JsonObject) m.body())
            .filter(j -> "auth_failed".equals(j.getString("state")))
            .findFirst()
            .orElseThrow();
    assertThat(failed.getLong("nextRetryMs"))
        .isEqualTo(CloudSocketOptions.DEFAULT_AUTH_FAILED_INITIAL_DELAY_MS);
    assertThat(failed.getString("reason")).contains("auth_invalid");
    await().atMost(WAIT).until(() -> timers.delays(TimerScheduler.RECONNECT).size() >= 3);
    List<Long> delays = timers.delays(TimerScheduler.RECONNECT);
    assertThat(delays.subList(0, 3)).containsExactly(30_000L, 60_000L, 120_000L);
    assertThat(delays).allMatch(d -> d <= CloudSocketOptions.DEFAULT_AUTH_FAILED_RETRY_MS);
    // one login ever; one refresh per slow retry cycle, never a tight loop
    assertThat(auth.logins.get()).isEqualTo(1);
    assertThat(auth.refreshes.get()).isBetween(1, delays.size() + 1);

    // WHEN the server accepts tokens again THEN a slow retry connects
    server.tokenOk = t -> true;
    awaitState(s, ConnectionState.CONNECTED);
  }

  @Test
  void revokedRefreshWithoutLoginGoesAuthFailed() throws Exception {
    // GIVEN a stored token whose refresh is refused and no unattended login
    StubAuth auth = new StubAuth(vertx, AuthOptions.builder("test/acc").build());
    auth.loginAllowed = false;
    auth.refreshRefused = true;
    get(auth.useToken(new io.cloudbus.core.AccessToken("old", "rt", null)));

    // WHEN the socket starts THEN it is auth_failed without any upgrade
    TestSocket s = deployed(options().build(), auth);
    awaitState(s, ConnectionState.AUTH_FAILED);
    assertThat(server.upgrades.get()).isZero();
    await()
        .atMost(WAIT)
        .until(
            () ->
                statuses.stream()
                    .map(m -> (JsonObject) m.body())
                    .anyMatch(
                        j ->
                            "auth_failed".equals(j.getString("state"))
                                && j.getString("reason").contains("refresh refused")));
    // later slow retries say why no token can be had without a human
    await()
        .atMost(WAIT)
        .until(() -> s.status().getString("reason", "").contains("login needs a human"));
    assertThat(server.upgrades.get()).isZero();
  }

  @Test
  void handshakeTimeoutIsATransientFailure() throws Exception {
    // GIVEN a server that never answers the auth message
    server.answerAuth = false;
    TestSocket s = deployed(options().handshakeTimeoutMs(300).build(), null);

    // THEN the attempt fails after the handshake timeout and is retried with backoff
    await()
        .atMost(WAIT)
        .until(
            () ->
                statuses.stream()
                    .map(m -> (JsonObject) m.body())
                    .anyMatch(
                        j ->
                            "backoff".equals(j.getString("state"))
                                && j.getString("reason").contains("within 300 ms")
                                && "timeout".equals(j.getString("code"))
                                && "transient".equals(j.getString("failureClass"))));
    await().atMost(WAIT).until(() -> s.stats().getLong("connectFailures") >= 2);
    assertThat(s.stats().getLong("connections")).isZero();
  }

  @Test
  void upgradeRefusedWith401IsAnAuthFailure() throws Exception {
    // GIVEN a server refusing the upgrade with 401
    server.rejectStatus = 401;
    timers.compress(TimerScheduler.RECONNECT, 5_000);
    StubAuth auth = new StubAuth(vertx, AuthOptions.builder("test/acc").build());
    TestSocket s = deployed(options().build(), auth);

    // THEN one refresh, a second refusal, then auth_failed
    awaitState(s, ConnectionState.AUTH_FAILED);
    assertThat(server.upgrades.get()).isEqualTo(2);
    assertThat(auth.refreshes.get()).isEqualTo(1);
    assertThat(s.status().getString("failureClass")).isEqualTo("auth");
    assertThat(s.status().getString("code")).isEqualTo("handshake_rejected");
  }

  @Test
  void configurationErrorStopsTheSocket() throws Exception {
    // GIVEN a socket whose connect options are invalid
    TestSocket s =
        new TestSocket(options().build(), (AuthHandler) null, server.port()) {
          @Override
          protected Future<io.vertx.core.http.WebSocketConnectOptions> connectOptions(
              io.cloudbus.core.AccessToken token) {
            return Future.failedFuture(CloudbusException.configuration("url: must be wss"));
          }
        };
    s.useTimerScheduler(timers);
    get(vertx.deployVerticle(s));
    // THEN it stops with the reason
    awaitState(s, ConnectionState.STOPPED);
    assertThat(s.status().getString("reason")).contains("url: must be wss");
    // AND says so in machine terms, unlike a stop on request
    assertThat(s.status().getString("failureClass")).isEqualTo("configuration");
    assertThat(s.status().getString("code")).isEqualTo("invalid_config");
  }

  @Test
  void silentSocketIsDetectedByTheWatchdogAndReconnected() throws Exception {
    // GIVEN a socket with a 400 ms silence watchdog and a server that sends nothing after auth_ok
    TestSocket s = socket(options().build(), null);
    s.policy = KeepalivePolicy.silenceOnly(400);
    List<Throwable> causes = new CopyOnWriteArrayList<>();
    s.onDisconnect(causes::add);
    get(vertx.deployVerticle(s));
    awaitState(s, ConnectionState.CONNECTED);

    // THEN the silent link is declared dead and a new connection is made
    await().atMost(WAIT).until(() -> s.stats().getLong("reconnects") >= 1);
    assertThat(causes.get(0)).hasMessageContaining("dead link");
  }

  @Test
  void halfOpenLinkWithoutPongsIsDetected() throws Exception {
    // GIVEN client pings every 100 ms and a 600 ms watchdog
    TestSocket s = socket(options().build(), null);
    s.policy = KeepalivePolicy.pingFrames(100, 600);
    get(vertx.deployVerticle(s));
    awaitState(s, ConnectionState.CONNECTED);
    await().atMost(WAIT).until(() -> server.clientPings.get() >= 2);

    // WHEN the server stops reading (no pongs, no data)
    server.freezeAll();

    // THEN the socket reconnects
    await().atMost(WAIT).until(() -> s.stats().getLong("reconnects") >= 1);
  }

  @Test
  void serverPingsAreAnsweredAndKeepTheWatchdogQuiet() throws Exception {
    // GIVEN a 500 ms watchdog and a server that only pings
    TestSocket s = socket(options().build(), null);
    s.policy = KeepalivePolicy.silenceOnly(500);
    get(vertx.deployVerticle(s));
    awaitState(s, ConnectionState.CONNECTED);
    long timer = vertx.setPeriodic(100, id -> server.pingAll());
    try {
      // THEN every ping is answered with a pong and the connection survives 3 watchdog periods
      await()
          .during(Duration.ofMillis(1_500))
          .atMost(WAIT)
          .until(() -> s.stats().getLong("connections") == 1);
      assertThat(server.pongs.get()).isGreaterThanOrEqualTo(5);
    } finally {
      vertx.cancelTimer(timer);
    }
  }

  @Test
  void appPingWithoutReplyMeansDeadLink() throws Exception {
    // GIVEN an application ping every 100 ms expecting a pong within 300 ms
    TestSocket s = socket(options().build(), null);
    s.policy =
        KeepalivePolicy.appMessage(
            100,
            300,
            () -> new JsonObject().put("type", "ping"),
            m -> "pong".equals(m.getString("type")));
    get(vertx.deployVerticle(s));
    awaitState(s, ConnectionState.CONNECTED);
    await().atMost(WAIT).until(() -> server.received("ping").size() >= 3);
    assertThat(s.stats().getLong("reconnects")).isZero();
    assertThat(server.received("ping").get(1).getLong("id"))
        .isGreaterThan(server.received("ping").get(0).getLong("id"));

    // WHEN the server stops answering THEN the link is dead and replaced
    server.answerAppPings = false;
    await().atMost(WAIT).until(() -> s.stats().getLong("reconnects") >= 1);
  }

  @Test
  void sendMessageCorrelatesRepliesWithIdsThatResetPerConnection() throws Exception {
    // GIVEN a connected socket
    TestSocket s = deployed(options().build(), null);
    awaitState(s, ConnectionState.CONNECTED);

    // WHEN two requests are sent THEN replies match and ids are 1, 2
    JsonObject r1 = get(s.sendMessage(new JsonObject().put("type", "echo").put("data", "a")));
    JsonObject r2 = get(s.sendMessage(new JsonObject().put("type", "echo").put("data", "b")));
    assertThat(r1.getString("echo")).isEqualTo("a");
    assertThat(r2.getString("echo")).isEqualTo("b");
    assertThat(server.received("echo").stream().map(m -> m.getLong("id")).toList())
        .containsExactly(1L, 2L);
    assertThat(s.mappedTypes).doesNotContain("result");

    // WHEN the connection is replaced THEN the counter starts at 1 again
    server.closeAll();
    await().atMost(WAIT).until(() -> s.stats().getLong("reconnects") == 1);
    awaitState(s, ConnectionState.CONNECTED);
    get(s.sendMessage(new JsonObject().put("type", "echo").put("data", "c")));
    assertThat(server.received("echo").get(2).getLong("id")).isEqualTo(1L);

    // AND an error reply fails the future with the vendor's error
    assertThat(failure(s.sendMessage(new JsonObject().put("type", "fail"))))
        .hasMessageContaining("server error: nope");
  }

  @Test
  void sendMessageTimesOutAndFailsOnDisconnect() throws Exception {
    // GIVEN a connected socket with a 300 ms reply timeout
    TestSocket s = deployed(options().replyTimeoutMs(300).build(), null);
    awaitState(s, ConnectionState.CONNECTED);

    // THEN a request without reply fails after the timeout
    assertThat(failure(s.sendMessage(new JsonObject().put("type", "noreply"))))
        .isInstanceOf(CloudbusTimeoutException.class)
        .hasMessageContaining("no reply to message id 1 within 300 ms");

    // AND a pending request fails when the connection drops
    TestSocket s2 = deployed(options().replyTimeoutMs(15_000).build(), null);
    awaitState(s2, ConnectionState.CONNECTED);
    Future<JsonObject> pending = s2.sendMessage(new JsonObject().put("type", "noreply"));
    await().atMost(WAIT).until(() -> server.received("noreply").size() == 2);
    server.closeAll();
    assertThat(failure(pending)).hasMessageContaining("connection closed");

    // AND when not connected a request fails at once
    get(s.disconnect());
    assertThat(failure(s.sendMessage(new JsonObject().put("type", "echo"))))
        .hasMessageContaining("not connected");
    assertThat(failure(s.send(new JsonObject().put("type", "echo"))))
        .hasMessageContaining("not connected");
  }

  @Test
  void pauseHoldsEventsAndResumeDeliversThemInOrder() throws Exception {
    // GIVEN a paused socket
    TestSocket s = deployed(options().build(), null);
    awaitState(s, ConnectionState.CONNECTED);
    s.pauseMessages(true);
    awaitState(s, ConnectionState.PAUSED);

    // WHEN events arrive and a command is attempted
    for (int i = 1; i <= 5; i++) {
      server.pushEvent("p" + i, "system.test");
    }
    await().atMost(WAIT).until(() -> s.stats().getInteger("pausedHeld") == 5);
    assertThat(events).isEmpty();
    assertThat(failure(s.send(new JsonObject().put("type", "echo"))))
        .hasMessageContaining("paused");

    // THEN resuming delivers all of them, in order
    s.pauseMessages(false);
    awaitState(s, ConnectionState.CONNECTED);
    await().atMost(WAIT).until(() -> events.size() == 5);
    assertThat(ids(events)).containsExactly("p1", "p2", "p3", "p4", "p5");
  }

  @Test
  void pauseOverflowDropsOldestAndCounts() throws Exception {
    // GIVEN a paused socket holding at most 3 events
    TestSocket s = deployed(options().pauseBufferSize(3).build(), null);
    awaitState(s, ConnectionState.CONNECTED);
    s.pauseMessages(true);
    awaitState(s, ConnectionState.PAUSED);

    // WHEN 5 events arrive
    for (int i = 1; i <= 5; i++) {
      server.pushEvent("o" + i, "system.test");
    }
    await().atMost(WAIT).until(() -> s.stats().getLong("eventsIn") == 5);

    // THEN the 2 oldest were dropped and counted, the newest 3 delivered on resume
    assertThat(s.stats().getLong("pauseOverflow")).isEqualTo(2);
    s.pauseMessages(false);
    await().atMost(WAIT).until(() -> events.size() == 3);
    assertThat(ids(events)).containsExactly("o3", "o4", "o5");
  }

  @Test
  void trafficGuardTripsThenCoolsDownAndReconnectsByItself() throws Exception {
    // GIVEN a guard that warns above 5/s and trips above 10/s over 1 s
    TestSocket s =
        deployed(
            options().trafficWindowMs(1_000).trafficWarnPerSec(5).trafficTripPerSec(10).build(),
            null);
    awaitState(s, ConnectionState.CONNECTED);
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CloudSocket.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    log.addAppender(logs);

    // WHEN 8 messages go out THEN still connected, warned once (rate-limited warning)
    for (int i = 0; i < 8; i++) {
      get(s.send(new JsonObject().put("type", "noreply")));
    }
    assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
    log.detachAppender(logs);
    assertThat(logs.list)
        .filteredOn(e -> e.getFormattedMessage().contains("outgoing traffic high"))
        .isNotEmpty()
        // three sends were above the warn rate; the warning is logged at most once per window
        .hasSizeLessThan(3);

    // WHEN more than 10 go out within the window THEN the connection is closed for a cool-down
    Throwable tripped = null;
    for (int i = 0; i < 20 && tripped == null; i++) {
      try {
        get(s.send(new JsonObject().put("type", "noreply")));
      } catch (ExecutionException e) {
        tripped = e.getCause();
      }
    }
    assertThat(tripped).hasMessageContaining("traffic guard tripped");
    await().atMost(WAIT).until(() -> timers.delays(TimerScheduler.RECONNECT).contains(60_000L));
    JsonObject cooling =
        statuses.stream()
            .map(m -> (JsonObject) m.body())
            .filter(j -> String.valueOf(j.getString("reason")).contains("cool-down"))
            .findFirst()
            .orElseThrow();
    assertThat(cooling.getString("state")).isEqualTo("backoff");
    assertThat(cooling.getString("code")).isEqualTo("traffic_guard");
    assertThat(cooling.getString("failureClass")).isEqualTo("rate_limited");
    assertThat(cooling.getString("reason")).contains("messages/s");
    assertThat(cooling.getLong("nextRetryMs"))
        .isEqualTo(CloudSocketOptions.DEFAULT_TRAFFIC_COOLDOWN_MS);

    // THEN after the (compressed) cool-down it is connected again and sends work
    await().atMost(WAIT).until(() -> timers.fired(TimerScheduler.RECONNECT) >= 1);
    awaitState(s, ConnectionState.CONNECTED);
    get(s.send(new JsonObject().put("type", "noreply")));
    assertThat(statuses)
        .noneMatch(m -> "stopped".equals(((JsonObject) m.body()).getString("state")));
  }

  @Test
  void handlersRunOnEveryConnectAreIsolatedAndRemovable() throws Exception {
    // GIVEN failing and counting handlers
    TestSocket s = socket(options().build(), null);
    AtomicInteger good = new AtomicInteger();
    AtomicInteger removed = new AtomicInteger();
    AtomicInteger disconnects = new AtomicInteger();
    s.onConnect(
        () -> {
          throw new IllegalStateException("handler bug");
        });
    s.onConnectAsync(() -> Future.failedFuture("async handler bug"));
    s.onConnect(good::incrementAndGet);
    Registration r = s.onConnect(removed::incrementAndGet);
    s.onDisconnect(c -> disconnects.incrementAndGet());
    s.onEvent(
        e -> {
          throw new IllegalStateException("event handler bug");
        });
    get(vertx.deployVerticle(s));
    awaitState(s, ConnectionState.CONNECTED);
    await().atMost(WAIT).until(() -> good.get() == 1);
    assertThat(removed.get()).isEqualTo(1);

    // WHEN one registration is removed (twice: idempotent) and the socket reconnects
    r.remove();
    r.remove();
    server.closeAll();
    await().atMost(WAIT).until(() -> good.get() == 2);

    // THEN the others ran again, the removed one did not, and the socket still works
    assertThat(removed.get()).isEqualTo(1);
    assertThat(disconnects.get()).isEqualTo(1);
    server.pushEvent("h1", "system.test");
    await().atMost(WAIT).until(() -> events.size() == 1);
    assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void historyReplayAfterADropDeliversMissedEventsOnceOldestFirst() throws Exception {
    // GIVEN a socket whose catch-up returns the server history (newest first, like vendors)
    List<CloudbusEvent> history = new CopyOnWriteArrayList<>();
    TestSocket s = socket(options().build(), null);
    s.recent =
        t -> {
          List<CloudbusEvent> newestFirst = new java.util.ArrayList<>(history);
          java.util.Collections.reverse(newestFirst);
          return Future.succeededFuture(newestFirst);
        };
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    history.add(s.event("h1", "system.test", t0));
    get(vertx.deployVerticle(s));
    awaitState(s, ConnectionState.CONNECTED);
    await().atMost(WAIT).until(() -> events.size() == 1);
    server.pushText(TestSocket.eventMessage("h1", "system.test", t0).encode());

    // WHEN the link drops and events happen while it is down
    server.rejectStatus = 503;
    server.closeAll();
    await().atMost(WAIT).until(() -> s.state() == ConnectionState.BACKOFF);
    history.add(s.event("h2", "system.test", t0.plusSeconds(1)));
    history.add(s.event("h3", "system.test", t0.plusSeconds(2)));
    server.rejectStatus = 0;

    // THEN after reconnecting they are delivered exactly once, oldest first
    await().atMost(WAIT).until(() -> events.size() == 3);
    assertThat(ids(events)).containsExactly("h1", "h2", "h3");
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> events.size() == 3);
    assertThat(s.stats().getLong("duplicatesDropped")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void badFramesAreCountedAndSkippedWhileTheSocketStaysUp() throws Exception {
    // GIVEN a socket with a 1 KiB frame limit
    TestSocket s = deployed(options().maxFrameBytes(1_024).build(), null);
    awaitState(s, ConnectionState.CONNECTED);

    // WHEN malformed JSON, binary, oversized, a mapper crash and a mixed array arrive
    server.pushText("{not json");
    server.pushBinary(new byte[] {1, 2, 3});
    server.pushText(
        TestSocket.eventMessage("big", "system.test", null).put("pad", "x".repeat(3_000)).encode());
    server.pushText(new JsonObject().put("type", "boom").encode());
    server.pushText(
        "["
            + TestSocket.eventMessage("a1", "system.test", null).encode()
            + ",5,"
            + TestSocket.eventMessage("a2", "system.test", null).encode()
            + "]");

    // THEN 5 bad frames are counted, the valid array members published, same connection
    await().atMost(WAIT).until(() -> events.size() == 2);
    assertThat(ids(events)).containsExactly("a1", "a2");
    await().atMost(WAIT).until(() -> s.stats().getLong("badFrames") == 5);
    assertThat(s.stats().getLong("connections")).isEqualTo(1);
    assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void commandsAreAnsweredOnTheCommandAddress() throws Exception {
    // GIVEN a connected socket
    TestSocket s = deployed(options().build(), null);
    awaitState(s, ConnectionState.CONNECTED);
    String address = CloudbusAddresses.command("test", "acc");

    // WHEN a send command arrives THEN the vendor reply is returned
    JsonObject reply =
        get(vertx
                .eventBus()
                .<JsonObject>request(
                    address,
                    new JsonObject()
                        .put("action", "send")
                        .put("message", new JsonObject().put("type", "echo").put("data", 7))))
            .body();
    assertThat(reply.getBoolean("ok")).isTrue();
    assertThat(reply.getJsonObject("result").getJsonObject("reply").getInteger("echo"))
        .isEqualTo(7);

    // AND an unknown action or a non-JSON body answer a named bad_request
    JsonObject unknown =
        get(vertx.eventBus().<JsonObject>request(address, new JsonObject().put("action", "dance")))
            .body();
    assertThat(unknown.getBoolean("ok")).isFalse();
    assertThat(unknown.getJsonObject("error").getString("code")).isEqualTo("bad_request");
    assertThat(unknown.getJsonObject("error").getString("message"))
        .contains("unknown action 'dance' (supported: send;");
    JsonObject notJson = get(vertx.eventBus().<JsonObject>request(address, "hello")).body();
    assertThat(notJson.getJsonObject("error").getString("code")).isEqualTo("bad_request");
    // AND the actions are listed
    JsonObject actions =
        get(vertx
                .eventBus()
                .<JsonObject>request(address, new JsonObject().put("action", "actions")))
            .body();
    assertThat(
            actions
                .getJsonObject("result")
                .getJsonArray("actions")
                .getJsonObject(0)
                .getString("name"))
        .isEqualTo("send");
  }

  @Test
  void freshTokenWhileConnectedReconnectsOrReauthenticatesInPlace() throws Exception {
    // GIVEN a connected socket with an auth handler
    StubAuth auth = new StubAuth(vertx, AuthOptions.builder("test/acc").build());
    TestSocket s = deployed(options().build(), auth);
    awaitState(s, ConnectionState.CONNECTED);
    assertThat(server.received("auth").get(0).getString("token")).isEqualTo("login-1");

    // WHEN the token is refreshed THEN the socket reconnects with the fresh token
    get(auth.refresh());
    await().atMost(WAIT).until(() -> server.received("auth").size() == 2);
    assertThat(server.received("auth").get(1).getString("token")).isEqualTo("refresh-1");
    await().atMost(WAIT).until(() -> s.stats().getLong("reconnects") == 1);

    // WHEN the adapter can re-authenticate in place THEN no reconnect happens
    s.refreshInPlace = true;
    awaitState(s, ConnectionState.CONNECTED);
    get(auth.refresh());
    await().atMost(WAIT).until(() -> server.received("auth").size() == 3);
    assertThat(server.received("auth").get(2).getString("token")).isEqualTo("refresh-2");
    await()
        .during(Duration.ofMillis(300))
        .atMost(WAIT)
        .until(() -> s.stats().getLong("reconnects") == 1);
  }

  @Test
  void undeployStopsTheSocket() throws Exception {
    TestSocket s = deployed(options().build(), null);
    awaitState(s, ConnectionState.CONNECTED);
    get(vertx.undeploy(s.deploymentID()));
    assertThat(s.state()).isEqualTo(ConnectionState.STOPPED);
    assertThat(s.status().getString("code")).isEqualTo("stopped_by_request");
    assertThat(s.status().containsKey("failureClass")).isFalse();
    await().atMost(WAIT).until(() -> server.sockets.isEmpty());
  }
}
