package io.cloudbus.cluster;

import static io.cloudbus.cluster.Patience.PATIENT;
import static io.cloudbus.cluster.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mock.simplisafe.SimpliSafeDemoAccount;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the cluster ITs share: cluster nodes on free loopback ports (one cluster name per fixture),
 * {@code /ws/events} clients counting SimpliSafe events per {@code account/info}, events pushed
 * through the mock cloud's admin API, and the ownership assertions. Use from the test thread.
 */
final class ClusterFixture {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PATIENT).build();
  private static final AtomicInteger NEXT_EVENT = new AtomicInteger(1);

  final Vertx clientVertx;
  final MockCloud mock;
  final List<ClusterNode> nodes = new CopyOnWriteArrayList<>();

  /** Events received by the clients, by {@code account/info}, for this fixture's events only. */
  final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

  final String tag = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> members = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  /** A cluster of up to {@code size} members, all listed in every member's {@code members}. */
  ClusterFixture(Vertx clientVertx, MockCloud mock, int size) throws IOException {
    this.clientVertx = clientVertx;
    this.mock = mock;
    for (int i = 0; i < size; i++) {
      int port = freePort();
      ports.add(port);
      members.add("127.0.0.1:" + port);
    }
  }

  /**
   * Member {@code i}'s options: heartbeat 1 s, max no-heartbeat 5 s, lock retry 500 ms, dedup TTL 1
   * h, rebalancing as the production default (interval 5 s).
   */
  ClusterOptions options(int i) {
    return ClusterOptions.builder()
        .name("it-" + tag)
        .host("127.0.0.1")
        .port(ports.get(i))
        .members(members)
        .heartbeatIntervalSeconds(1)
        .maxNoHeartbeatSeconds(5)
        .lockRetryMs(500)
        .dedupTtlSeconds(3600)
        .build();
  }

  /** Starts member {@code i} with {@code options} and {@code accounts}; it joins the others. */
  ClusterNode start(ClusterOptions options, List<JsonObject> accounts) throws Exception {
    ClusterNode node = ClusterNode.start(options, accounts);
    nodes.add(node);
    return node;
  }

  /** Kills every node left (as a dead process would go). */
  void killAll() {
    for (ClusterNode node : nodes) {
      node.kill();
    }
    nodes.clear();
  }

  /** Every account in {@code expected} runs on exactly one live node, and none runs twice. */
  void assertOwnedOnce(Collection<String> expected) {
    Map<String, Integer> count = new HashMap<>();
    for (ClusterNode node : nodes) {
      node.ownership.owned().forEach(a -> count.merge(a, 1, Integer::sum));
    }
    for (String account : expected) {
      assertThat(count.get(account)).as(account).isEqualTo(1);
    }
    assertThat(count.values()).allMatch(c -> c == 1);
  }

  ClusterNode owner(String account) {
    return nodes.stream()
        .filter(n -> n.ownership.owned().contains(account))
        .findFirst()
        .orElseThrow();
  }

  /** {@code account/info} keys: each of {@code infos} from each of {@code accounts}. */
  static List<String> keys(Collection<String> accounts, Collection<String> infos) {
    List<String> keys = new ArrayList<>();
    for (String account : accounts) {
      for (String info : infos) {
        keys.add(account + "/" + info);
      }
    }
    return keys;
  }

  /** Every key arrives, and each exactly once (checked again for 3 s, so late duplicates fail). */
  void assertExactlyOnce(Collection<String> keys) {
    await().atMost(PATIENT).untilAsserted(() -> assertThat(received.keySet()).containsAll(keys));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(PATIENT)
        .untilAsserted(
            () -> {
              for (String key : keys) {
                assertThat(received.get(key)).as(key).hasValue(1);
              }
            });
  }

  /** A /ws/events client on {@code node} counting this fixture's SimpliSafe events. */
  void connectClient(ClusterNode node) {
    // A handshake on a loaded machine was once seen closed by the peer: connect again then.
    AtomicReference<WebSocket> socket = new AtomicReference<>();
    await()
        .atMost(PATIENT)
        .ignoreExceptions()
        .until(
            () -> {
              socket.set(
                  clientVertx
                      .createWebSocketClient()
                      .connect(node.service.httpPort(), "127.0.0.1", "/ws/events")
                      .await(PATIENT_SECONDS, TimeUnit.SECONDS));
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
            JsonObject event = frame.getJsonObject("data");
            JsonObject data = event.getJsonObject("data", new JsonObject());
            String info = String.valueOf(data.getValue("info"));
            if (info.startsWith(tag + "-")) {
              String key = event.getString("account") + "/" + info;
              received.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
          }
        });
    ws.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("filter", new JsonObject().put("vendor", "simplisafe"))
            .encode());
    await().atMost(PATIENT).until(() -> subscribed.get() == 1);
  }

  /** A mock cloud on free ports, for a test class's nodes. */
  static MockCloud startMock(Vertx vertx) throws Exception {
    return MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
        .await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /** Closes what {@link #startMock} started, and its Vert.x. */
  static void close(MockCloud mock, Vertx vertx) throws Exception {
    mock.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Pushes {@code n} SimpliSafe events through the mock (each reaches every SimpliSafe socket of
   * the demo user, i.e. every SimpliSafe account); returns their {@code info} tags.
   */
  List<String> push(int n) throws Exception {
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
                  .timeout(PATIENT)
                  .POST(HttpRequest.BodyPublishers.ofString(event.encode()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).as(resp.body()).isBetween(200, 299);
      tags.add(info);
    }
    return tags;
  }

  static String get(ClusterNode node, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.service.httpPort() + path))
                .timeout(PATIENT)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Fast reconnects, so that a move's connect is not delayed by production backoff. */
  private static JsonObject fastSocket() {
    return new JsonObject().put("reconnectInitialDelayMs", 200).put("reconnectMaxDelayMs", 2000);
  }

  /** A SimpliSafe account {@code name} of the mock's demo user. */
  static JsonObject simpliSafe(MockCloud mock, String name) {
    String rest = "http://127.0.0.1:" + mock.restPort();
    return new JsonObject()
        .put("adapter", "simplisafe")
        .put("account", name)
        .put("refreshToken", mock.endpoints("simplisafe").getString("demoRefreshToken"))
        .put(
            "endpoints",
            new JsonObject()
                .put("authBaseUrl", rest + "/simplisafe")
                .put("apiBaseUrl", rest + "/simplisafe")
                .put("socketUrl", "ws://127.0.0.1:" + mock.port() + "/simplisafe/socketlink"))
        .put("socket", fastSocket());
  }

  /** The four accounts of examples/gateway.yaml against the mock (SimpliSafe's is "home"). */
  static List<JsonObject> fourVendors(MockCloud mock) {
    String rest = "http://127.0.0.1:" + mock.restPort();
    String ws = "ws://127.0.0.1:" + mock.port();
    return List.of(
        simpliSafe(mock, "home"),
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
            .put("socket", fastSocket()),
        new JsonObject()
            .put("adapter", "generic")
            .put("profile", "home-assistant")
            .put("account", "home")
            .put("url", ws + "/home-assistant")
            .put("token", "mock-home-assistant-long-lived-token")
            .put("socket", fastSocket()),
        new JsonObject()
            .put("adapter", "generic")
            .put("profile", "pylight")
            .put("account", "products")
            .put("url", ws + "/pylight")
            .put("table", "products")
            .put("socket", fastSocket()));
  }
}
