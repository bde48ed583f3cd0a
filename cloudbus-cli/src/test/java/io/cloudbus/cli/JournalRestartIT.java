package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static io.cloudbus.cli.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway restarted with the same configuration publishes nothing twice, for every vendor: the
 * catch-up lists what was published before the restart, and the journal drops it. The vendors
 * without history announce the restart with one {@code io.cloudbus.stream.gap} each.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class JournalRestartIT {

  private final Vertx vertx = Vertx.vertx();
  private final List<JsonObject> published = new CopyOnWriteArrayList<>();
  private final List<JsonObject> gaps = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private GatewayRuntime start(MockCloud mock) throws Exception {
    ServiceOptions options =
        ServiceOptions.builder()
            .host("127.0.0.1")
            .httpPort(0)
            .tcpPort(0)
            .journal(JournalOptions.defaults().withPath(dir.resolve("data").toString()))
            .build();
    GatewayRuntime runtime =
        GatewayRuntime.start(
                vertx,
                options,
                DemoAccounts.of(mock, AdapterProvider.installed().values()),
                TokenStore.inMemory(),
                AdapterProvider.installed())
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    await().atMost(PATIENT).until(runtime::allConnected);
    return runtime;
  }

  private Set<String> types() {
    return published.stream().map(e -> e.getString("type")).collect(Collectors.toSet());
  }

  private static double duplicatesDropped(GatewayRuntime runtime, String vendor) throws Exception {
    String metrics =
        Http.get("http://127.0.0.1:" + runtime.service().httpPort() + "/metrics").body();
    Matcher m =
        Pattern.compile(
                "cloudbus_adapter_duplicates_dropped(?:_total)?\\{[^}]*vendor=\""
                    + vendor
                    + "\"[^}]*\\} ([0-9.]+)")
            .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void aRestartWithTheSameJournalPublishesNothingTwice() throws Exception {
    // GIVEN a gateway with every vendor, which published one event of each
    MockCloud mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    // Vendor events only: device.changed events are the gateway's own observations of state it
    // reads at every connect (docs/delivery.md), not vendor events that could repeat.
    vertx
        .eventBus()
        .<JsonObject>consumer(
            CloudbusAddresses.EVENTS,
            m -> {
              String type = m.body().getString("type");
              if (type.equals("io.cloudbus.stream.gap")) {
                gaps.add(m.body());
              } else if (!type.startsWith("io.cloudbus.device.")) {
                published.add(m.body());
              }
            });
    try {
      Instant firstStarted = Instant.now();
      GatewayRuntime first = start(mock);
      VendorPushes.pushAll(mock.adminUrl(), "before");
      await().atMost(PATIENT).until(() -> types().containsAll(VendorPushes.TYPES.values()));
      List<String> before =
          published.stream().map(e -> e.getString("source") + "#" + e.getString("id")).toList();
      first.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
      Instant restarted = Instant.now();
      published.clear();
      assertThat(gaps).isEmpty();

      // WHEN it starts again with the same journal and the vendors' history lists those events
      GatewayRuntime second = start(mock);
      await()
          .atMost(PATIENT)
          .until(
              () ->
                  duplicatesDropped(second, "simplisafe") >= 1
                      && duplicatesDropped(second, "bticino") >= 1);
      VendorPushes.pushAll(mock.adminUrl(), "after");
      await().atMost(PATIENT).until(() -> types().containsAll(VendorPushes.TYPES.values()));

      // THEN none of the events of the first run is published again, and the new ones are
      List<String> again =
          published.stream().map(e -> e.getString("source") + "#" + e.getString("id")).toList();
      assertThat(again).doesNotContainAnyElementsOf(before).doesNotHaveDuplicates();
      assertThat(published).hasSize(VendorPushes.TYPES.size());
      await().atMost(PATIENT).until(() -> gaps.size() >= 2);
      // AND each vendor without history announced the restart once, from its last journaled event,
      // on its event stream and on its connected status; the vendors with history did not (their
      // catch-up covered the downtime)
      assertThat(gaps.stream().map(g -> g.getString("vendor")))
          .containsExactlyInAnyOrder("home-assistant", "pylight");
      String base = "http://127.0.0.1:" + second.service().httpPort();
      JsonArray accounts = new JsonArray(Http.get(base + "/api/accounts").body());
      JsonArray health = new JsonObject(Http.get(base + "/health").body()).getJsonArray("accounts");
      for (JsonObject gap : gaps) {
        JsonObject data = gap.getJsonObject("data");
        assertThat(data.getString("reason")).isEqualTo("gateway_restart");
        assertThat(Instant.parse(data.getString("from")))
            .isAfterOrEqualTo(firstStarted.truncatedTo(ChronoUnit.MILLIS))
            .isBeforeOrEqualTo(restarted);
        assertThat(Instant.parse(data.getString("to"))).isAfterOrEqualTo(restarted);
        JsonObject account =
            accounts.stream()
                .map(JsonObject.class::cast)
                .filter(a -> a.getString("vendor").equals(gap.getString("vendor")))
                .findFirst()
                .orElseThrow();
        assertThat(account.getJsonObject("gap")).isEqualTo(data);
        assertThat(health).contains(account);
      }
      assertThat(accounts.stream().map(JsonObject.class::cast).filter(a -> a.containsKey("gap")))
          .hasSize(2);
      second.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    } finally {
      mock.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
