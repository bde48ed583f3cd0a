package io.cloudbus.cluster;

import static io.cloudbus.cluster.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.mock.MockCloud;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster move leaves no refreshing auth handler behind: two generic accounts whose OAuth2 tokens
 * (the mock cloud's BTicino token endpoint) live 3 s, so each handler refreshes on its own every
 * 1.5 s; after one account moves to a joining node, the node it left saves no more tokens for it.
 * Order, not time: the old owner's count is compared across refreshes of the new owner.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterMoveAuthIT {

  private static final String PROFILE = "src/test/resources/profiles/oauth-pylight.yaml";
  private static final String VENDOR = "oauthpylight";

  private static Vertx clientVertx;
  private static MockCloud mock;

  private ClusterFixture cluster;

  @BeforeAll
  static void mock() throws Exception {
    clientVertx = Vertx.vertx();
    mock = ClusterFixture.startMock(clientVertx);
    HttpResponse<String> put =
        ClusterFixture.HTTP.send(
            HttpRequest.newBuilder(URI.create(mock.adminUrl() + "/bticino/settings"))
                .timeout(PATIENT)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tokenLifetimeSeconds\":3}"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  @AfterAll
  static void closeMock() throws Exception {
    ClusterFixture.close(mock, clientVertx);
  }

  @BeforeEach
  void fixture() throws Exception {
    cluster = new ClusterFixture(clientVertx, mock, 2);
  }

  @AfterEach
  void stopNodes() {
    cluster.killAll();
  }

  @Test
  void theNodeAnAccountLeftStopsRefreshingItsToken() throws Exception {
    // GIVEN node A alone with two generic OAuth2 accounts, both connected and refreshing
    List<JsonObject> accounts = List.of(account("m1", "products"), account("m2", "orders"));
    ClusterNode a =
        cluster.start(
            cluster.options(0).toBuilder().rebalance(true).rebalanceIntervalMs(1000).build(),
            accounts);
    await()
        .atMost(PATIENT)
        .untilAsserted(
            () -> {
              assertThat(a.ownership.owned()).hasSize(2);
              assertThat(a.service.accounts())
                  .hasSize(2)
                  .allMatch(s -> "connected".equals(s.getString("state")));
            });
    await()
        .atMost(PATIENT)
        .until(() -> a.tokenSaves(VENDOR + "/m1") >= 2 && a.tokenSaves(VENDOR + "/m2") >= 2);
    long mockRefreshes = mockRefreshes();

    // WHEN B joins and takes its share: one of the two accounts
    ClusterNode b =
        cluster.start(
            cluster.options(1).toBuilder().rebalance(true).rebalanceIntervalMs(1000).build(),
            accounts);
    await()
        .atMost(PATIENT)
        .until(() -> a.ownership.owned().size() == 1 && b.ownership.owned().size() == 1);
    String moved = b.ownership.owned().get(0);
    String kept = a.ownership.owned().get(0);
    int leftBehind = a.tokenSaves(moved);

    // THEN the new owner refreshes it twice, while the old owner saved at most one more token
    // (a refresh in flight at the move)...
    int taken = b.tokenSaves(moved);
    await().atMost(PATIENT).until(() -> b.tokenSaves(moved) >= taken + 2);
    int settled = a.tokenSaves(moved);
    assertThat(settled).isLessThanOrEqualTo(leftBehind + 1);
    // ... and twice more while the old owner's count stays flat
    await().atMost(PATIENT).until(() -> b.tokenSaves(moved) >= taken + 4);
    assertThat(a.tokenSaves(moved))
        .as("tokens A saved for %s after it left", moved)
        .isEqualTo(settled);

    // AND A goes on refreshing the account it kept (the count above is not blind), with tokens
    // really issued by the mock cloud
    int keptSaves = a.tokenSaves(kept);
    await().atMost(PATIENT).until(() -> a.tokenSaves(kept) >= keptSaves + 2);
    assertThat(mockRefreshes()).isGreaterThanOrEqualTo(mockRefreshes + 6);
  }

  private static long mockRefreshes() {
    return mock.stats().getJsonObject("bticino").getLong("refreshes");
  }

  /** A generic account of the test profile: a Pylight {@code table}, BTicino's demo login. */
  private static JsonObject account(String name, String table) {
    JsonObject bticino = mock.endpoints("bticino");
    JsonObject demo = bticino.getJsonObject("demo");
    return new JsonObject()
        .put("adapter", "generic")
        .put("profile", PROFILE)
        .put("account", name)
        .put("url", mock.endpoints("pylight").getString("url"))
        .put("table", table)
        .put("tokenUrl", bticino.getString("tokenUrl"))
        .put("username", demo.getString("username"))
        .put("password", demo.getString("password"))
        .put("clientId", demo.getString("clientId"))
        .put("clientSecret", demo.getString("clientSecret"))
        .put("socket", new JsonObject().put("reconnectInitialDelayMs", 200));
  }
}
