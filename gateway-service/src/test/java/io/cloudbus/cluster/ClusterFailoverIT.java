package io.cloudbus.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mock.simplisafe.SimpliSafeDemoAccount;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three clustered nodes (separate Hazelcast members on loopback, in one JVM) against a mock cloud
 * with four accounts: each account runs exactly once, and a node's death or graceful stop moves its
 * accounts with every event delivered exactly once to a WebSocket client on a survivor.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterFailoverIT {

  private static final String SS = "simplisafe/home";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final AtomicInteger NEXT_EVENT = new AtomicInteger(1);

  private static Vertx clientVertx;
  private static MockCloud mock;

  private final List<ClusterNode> nodes = new ArrayList<>();
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void mock() throws Exception {
    clientVertx = Vertx.vertx();
    mock =
        MockCloud.start(clientVertx, new MockCloudOptions().port(0).restPort(0))
            .await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void closeMock() throws Exception {
    mock.close().await(10, TimeUnit.SECONDS);
    clientVertx.close().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopNodes() {
    for (ClusterNode node : nodes) {
      node.kill();
    }
  }

  @Test
  void everyAccountIsOwnedExactlyOnceAndEveryNodeShowsTheOwner() throws Exception {
    startCluster();
    for (ClusterNode node : nodes) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                JsonArray accounts = new JsonArray(get(node, "/api/accounts"));
                assertThat(accounts).hasSize(4);
                for (Object o : accounts) {
                  JsonObject a = (JsonObject) o;
                  assertThat(a.getString("state")).isEqualTo("connected");
                  assertThat(a.getString("node"))
                      .isEqualTo(ownerOf(a.getString("vendor") + "/" + a.getString("account")));
                }
              });
    }
    // AND events of an account reach a client on every node
    for (ClusterNode node : nodes) {
      connectClient(node);
    }
    List<String> sent = push(2);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(received).containsKeys(sent.toArray(String[]::new)));
    for (String id : sent) {
      assertThat(received.get(id)).hasValue(nodes.size());
    }

    // AND a fenced node (as after a split brain) stops its sockets at once; it keeps no account
    ClusterNode fenced = owner(SS);
    ClusterNode other = nodes.stream().filter(n -> n != fenced).findFirst().orElseThrow();
    List<String> its = fenced.ownership.owned();
    fenced.ownership.fence().await(30, TimeUnit.SECONDS);
    assertThat(fenced.ownership.owned()).isEmpty();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(new JsonArray(get(other, "/api/accounts")))
                    .anySatisfy(
                        o -> {
                          JsonObject a = (JsonObject) o;
                          assertThat(a.getString("vendor")).isEqualTo("simplisafe");
                          assertThat(a.getString("state")).isEqualTo("stopped");
                          assertThat(a.getString("node")).isEqualTo(fenced.name());
                        }));
    // (its member then restarts in a real merge, freeing the locks; here it is killed)
    fenced.kill();
    nodes.remove(fenced);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertOwnedOnce(its));
  }

  @Test
  void anAbruptDeathMovesItsAccountsAndLosesNothing() throws Exception {
    startCluster();
    ClusterNode victim = owner(SS);
    ClusterNode survivor = nodes.stream().filter(n -> n != victim).findFirst().orElseThrow();
    connectClient(survivor);
    List<String> sent = new ArrayList<>(push(3));
    await().atMost(Duration.ofSeconds(20)).until(() -> received.keySet().containsAll(sent));
    List<String> victimAccounts = victim.ownership.owned();

    // WHEN the owner dies without releasing anything, and events keep coming meanwhile
    victim.kill();
    nodes.remove(victim);
    sent.addAll(push(3));

    // THEN a survivor takes each of its accounts, and every event arrives exactly once
    await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertOwnedOnce(victimAccounts));
    sent.addAll(push(2));
    assertExactlyOnce(sent);
  }

  @Test
  void aGracefulStopHandsOverWithNothingLost() throws Exception {
    startCluster();
    ClusterNode leaving = owner(SS);
    ClusterNode survivor = nodes.stream().filter(n -> n != leaving).findFirst().orElseThrow();
    connectClient(survivor);
    List<String> sent = new ArrayList<>(push(3));
    await().atMost(Duration.ofSeconds(20)).until(() -> received.keySet().containsAll(sent));
    List<String> leavingAccounts = leaving.ownership.owned();

    leaving.stop();
    nodes.remove(leaving);
    sent.addAll(push(3));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertOwnedOnce(leavingAccounts));
    sent.addAll(push(2));
    assertExactlyOnce(sent);
  }

  // ---------------------------------------------------------------- helpers

  private void startCluster() throws Exception {
    String name = "it-" + tag;
    List<String> members = new ArrayList<>();
    int[] ports = new int[3];
    for (int i = 0; i < ports.length; i++) {
      ports[i] = freePort();
      members.add("127.0.0.1:" + ports[i]);
    }
    List<JsonObject> accounts = accounts();
    for (int port : ports) {
      ClusterOptions options =
          new ClusterOptions(name, "127.0.0.1", port, members, 0, 1, 5, 500, 3600);
      nodes.add(ClusterNode.start(options, accounts));
    }
    await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertOwnedOnce(allAccounts()));
  }

  private List<String> allAccounts() {
    return List.of(SS, "bticino/home", "home-assistant/home", "pylight/products");
  }

  /** Every account in {@code expected} runs on exactly one live node. */
  private void assertOwnedOnce(List<String> expected) {
    Map<String, Integer> count = new HashMap<>();
    for (ClusterNode node : nodes) {
      node.ownership.owned().forEach(a -> count.merge(a, 1, Integer::sum));
    }
    for (String account : expected) {
      assertThat(count.get(account)).as(account).isEqualTo(1);
    }
    assertThat(count.values()).allMatch(c -> c == 1);
  }

  private void assertExactlyOnce(List<String> sent) {
    // Awaitility's during() keeps checking for a while, so a late duplicate fails the test.
    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(() -> assertThat(received.keySet()).containsAll(sent));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              for (String id : sent) {
                assertThat(received.get(id)).as(id).hasValue(1);
              }
            });
  }

  private ClusterNode owner(String account) {
    return nodes.stream()
        .filter(n -> n.ownership.owned().contains(account))
        .findFirst()
        .orElseThrow();
  }

  private String ownerOf(String account) {
    return owner(account).name();
  }

  /** A /ws/events client on {@code node} counting SimpliSafe events by this test's tag. */
  private void connectClient(ClusterNode node) throws Exception {
    // A handshake on a loaded machine was once seen closed by the peer: connect again then.
    AtomicReference<WebSocket> socket = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              socket.set(
                  clientVertx
                      .createWebSocketClient()
                      .connect(node.service.httpPort(), "127.0.0.1", "/ws/events")
                      .await(10, TimeUnit.SECONDS));
              return true;
            });
    WebSocket ws = socket.get();
    AtomicInteger subscribed = new AtomicInteger();
    ws.textMessageHandler(
        text -> {
          JsonObject frame = new JsonObject(text);
          if ("subscribed".equals(frame.getString("type"))) {
            subscribed.incrementAndGet();
          } else if ("event".equals(frame.getString("type"))) {
            JsonObject data = frame.getJsonObject("data").getJsonObject("data", new JsonObject());
            String info = String.valueOf(data.getValue("info"));
            if (info.startsWith(tag + "-")) {
              received.computeIfAbsent(info, k -> new AtomicInteger()).incrementAndGet();
            }
          }
        });
    ws.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("filter", new JsonObject().put("vendor", "simplisafe"))
            .encode());
    await().atMost(Duration.ofSeconds(20)).until(() -> subscribed.get() == 1);
  }

  /** Pushes {@code n} SimpliSafe events through the mock; returns their tags. */
  private List<String> push(int n) throws Exception {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String info = tag + "-" + NEXT_EVENT.getAndIncrement();
      JsonObject event =
          new JsonObject()
              .put("eventCid", 1400)
              .put("zoneCid", "1")
              .put("sensorType", 1)
              .put("sensorName", "Keypad")
              .put("info", info)
              .put("userId", SimpliSafeDemoAccount.USER_ID)
              .put("sid", SimpliSafeDemoAccount.SID)
              .put("eventType", "activity");
      HttpResponse<String> resp =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(mock.adminUrl() + "/simplisafe/events"))
                  .timeout(Duration.ofSeconds(15))
                  .POST(HttpRequest.BodyPublishers.ofString(event.encode()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).as(resp.body()).isBetween(200, 299);
      tags.add(info);
    }
    return tags;
  }

  private static String get(ClusterNode node, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.service.httpPort() + path))
                .timeout(Duration.ofSeconds(15))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static List<JsonObject> accounts() {
    String rest = "http://127.0.0.1:" + mock.restPort();
    String ws = "ws://127.0.0.1:" + mock.port();
    JsonObject fast =
        new JsonObject().put("reconnectInitialDelayMs", 200).put("reconnectMaxDelayMs", 2000);
    return List.of(
        new JsonObject()
            .put("adapter", "simplisafe")
            .put("account", "home")
            .put("refreshToken", mock.endpoints("simplisafe").getString("demoRefreshToken"))
            .put(
                "endpoints",
                new JsonObject()
                    .put("authBaseUrl", rest + "/simplisafe")
                    .put("apiBaseUrl", rest + "/simplisafe")
                    .put("socketUrl", ws + "/simplisafe/socketlink"))
            .put("socket", fast.copy()),
        new JsonObject()
            .put("adapter", "bticino")
            .put("account", "home")
            .put("username", "demo@cloudbus.invalid")
            .put("password", "demo-password")
            .put("clientSecret", "mock-client-secret")
            .put(
                "endpoints",
                new JsonObject()
                    .put("tokenUrl", rest + "/bticino/oauth2/token")
                    .put("apiBaseUrl", rest + "/bticino")
                    .put("socketUrl", ws + "/bticino/ws/"))
            .put("socket", fast.copy()),
        new JsonObject()
            .put("adapter", "generic")
            .put("profile", "home-assistant")
            .put("account", "home")
            .put("url", ws + "/home-assistant")
            .put("token", "mock-home-assistant-long-lived-token")
            .put("socket", fast.copy()),
        new JsonObject()
            .put("adapter", "generic")
            .put("profile", "pylight")
            .put("account", "products")
            .put("url", ws + "/pylight")
            .put("table", "products")
            .put("socket", fast.copy()));
  }
}
