package io.cloudbus.cluster;

import static io.cloudbus.cluster.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.TokenStore;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ClusterTokenStore} on a local Vert.x, whose shared async map stands in for the clustered
 * one: two "nodes" (two stores, each with its own local store) over the same map.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterTokenStoreTest {

  private static final AccessToken TOKEN =
      new AccessToken("access-1", "refresh-1", Instant.parse("2030-01-01T00:00:00Z"));

  private Vertx vertx;
  private TokenStore localA;
  private TokenStore localB;
  private ClusterTokenStore nodeA;
  private ClusterTokenStore nodeB;

  @BeforeEach
  void stores() {
    vertx = Vertx.vertx();
    localA = TokenStore.inMemory();
    localB = TokenStore.inMemory();
    nodeA = new ClusterTokenStore(vertx, localA);
    nodeB = new ClusterTokenStore(vertx, localB);
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void aTokenSavedOnOneNodeIsLoadedOnAnotherAndWrittenThroughLocally() throws Exception {
    // WHEN node A saves a token
    nodeA.save("bticino/home", TOKEN).await(PATIENT_SECONDS, TimeUnit.SECONDS);

    // THEN node B loads it from the cluster, and A's own store has it too
    assertThat(nodeB.load("bticino/home").await(PATIENT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(TOKEN);
    assertThat(localA.load("bticino/home").await(PATIENT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(TOKEN);
    assertThat(localB.load("bticino/home").await(PATIENT_SECONDS, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void theClusterEntryWinsOverAStaleLocalOneAndTheLocalOneAnswersWhenTheClusterHasNone()
      throws Exception {
    AccessToken stale = new AccessToken("access-0", "refresh-0", null);
    localB.save("simplisafe/home", stale).await(PATIENT_SECONDS, TimeUnit.SECONDS);
    // GIVEN nothing in the cluster map: B's own store answers (e.g. after a full cluster restart)
    assertThat(nodeB.load("simplisafe/home").await(PATIENT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(stale);

    // WHEN A rotates the token
    nodeA.save("simplisafe/home", TOKEN).await(PATIENT_SECONDS, TimeUnit.SECONDS);

    // THEN B sees the rotated one, not its stale copy
    assertThat(nodeB.load("simplisafe/home").await(PATIENT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(TOKEN);
  }

  @Test
  void removeForgetsTheTokenInTheClusterAndLocally() throws Exception {
    nodeA.save("pylight/products", TOKEN).await(PATIENT_SECONDS, TimeUnit.SECONDS);
    nodeA.remove("pylight/products").await(PATIENT_SECONDS, TimeUnit.SECONDS);
    assertThat(nodeB.load("pylight/products").await(PATIENT_SECONDS, TimeUnit.SECONDS)).isNull();
    assertThat(nodeA.load("pylight/products").await(PATIENT_SECONDS, TimeUnit.SECONDS)).isNull();
    // removing what is not there succeeds
    nodeB.remove("nothing/here").await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }
}
