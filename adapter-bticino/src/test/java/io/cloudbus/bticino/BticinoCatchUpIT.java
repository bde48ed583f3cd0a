package io.cloudbus.bticino;

import static io.cloudbus.bticino.BticinoTestSupport.accountConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.bticino.impl.BticinoApi;
import io.cloudbus.bticino.impl.BticinoCallDeduplicator;
import io.cloudbus.bticino.impl.BticinoCatchUp;
import io.cloudbus.bticino.impl.BticinoCatchUp.HomeHistory;
import io.cloudbus.bticino.impl.BticinoHistoryMapper;
import io.cloudbus.bticino.impl.BticinoPushMapper;
import io.cloudbus.bticino.impl.BticinoPushes;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.bticino.BticinoEmulation;
import io.cloudbus.mock.bticino.BticinoHomeSeed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catch-up against the emulation, step by step, with a live push mapped between the fetch and
 * the mapping of the history: the order the socket can see when pushes keep flowing while the REST
 * calls are in flight (they complete on the auth handler's context, the pushes on the socket's).
 */
@Timeout(300)
class BticinoCatchUpIT {

  @RegisterExtension
  static final MockCloudExtension MOCK = new MockCloudExtension(List.of(new BticinoEmulation()));

  static JsonObject push(JsonObject p) {
    p.getJsonObject("extra_params")
        .put("home_id", BticinoHomeSeed.HOME_ID)
        .put("device_id", BticinoHomeSeed.BRIDGE_ID);
    return p;
  }

  @Test
  void fetchingClaimsNothingSoAPushMappedMeanwhileIsNotDroppedForALaterHistoryCopy(
      MockCloud cloud, MockCloudAdminClient admin) throws Exception {
    // GIVEN call Z rang and was answered, so the cloud's history has both
    admin.pushBticino(
        new JsonArray()
            .add(push(BticinoPushes.call("BNC1", "incoming_call", "Z", true)))
            .add(push(BticinoPushes.call("BNC1", "accepted_call", "Z", false))));
    BticinoConfig config = BticinoConfig.fromJson(accountConfig(cloud, new JsonObject()));
    WebClient client = WebClient.create(cloud.vertx());
    BticinoAuthHandler auth =
        new BticinoAuthHandler(
            cloud.vertx(), config, TokenStore.inMemory(), client, Clock.systemUTC());
    BticinoCallDeduplicator calls = new BticinoCallDeduplicator();
    BticinoPushMapper pushes = new BticinoPushMapper("bticino", "home", calls, Instant::now);
    BticinoCatchUp catchUp =
        new BticinoCatchUp(
            new BticinoApi(client, config, auth),
            new BticinoHistoryMapper(pushes, Instant::now),
            20,
            "bticino/home");
    try {
      // WHEN the history is fetched, then the live accepted_call is mapped, then the history
      List<HomeHistory> fetched =
          catchUp
              .fetch()
              .toCompletionStage()
              .toCompletableFuture()
              .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
      assertThat(calls.size()).as("fetching must not claim call sessions").isZero();
      List<CloudbusEvent> live =
          pushes.map(push(BticinoPushes.call("BNC1", "accepted_call", "Z", false)));
      List<CloudbusEvent> history = catchUp.map(fetched);
      // THEN the push that was mapped first is the one delivered; the history adds only the ring
      assertThat(live).extracting(CloudbusEvent::id).containsExactly("Z:answered");
      assertThat(live.get(0).data().containsKey("catch_up")).isFalse();
      assertThat(history).extracting(CloudbusEvent::id).containsExactly("Z:ring");
      assertThat(history.get(0).data().getBoolean("catch_up")).isTrue();
    } finally {
      auth.close();
      client.close();
    }
  }
}
