package io.cloudbus.examples.tickle;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example adapter of docs/adapters/writing-an-adapter.md against a tiny vendor server. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TickleAdapterIT {

  @Test
  void aTickleFetchesTheEventsAndARepeatedOneIsPublishedOnce(Vertx vertx, VertxTestContext ctx) {
    List<String> ids = new CopyOnWriteArrayList<>();
    new TickleVendor(vertx)
        .start()
        .compose(
            vendor -> {
              CloudSocket socket = create(vertx, vendor.account());
              // the catch-up after the connect fetches e1
              vendor.events(TickleVendor.event("e1", "cam1"));
              return consume(vertx, socket, vendor, ids, ctx).compose(v -> deploy(vertx, socket));
            })
        .onFailure(ctx::failNow);
  }

  @Test
  void aRefusedHandshakeShowsItsFailureClassAndCode(Vertx vertx, VertxTestContext ctx) {
    new TickleVendor(vertx)
        .start()
        .compose(
            vendor -> {
              vendor.rejectUpgrades(1);
              CloudSocket socket = create(vertx, vendor.account());
              AtomicBoolean refused = new AtomicBoolean();
              vertx
                  .eventBus()
                  .<JsonObject>consumer(
                      CloudbusAddresses.STATUS,
                      m -> {
                        JsonObject status = m.body();
                        if ("handshake_rejected".equals(status.getString("code"))) {
                          refused.set(true);
                          ctx.verify(
                              () -> {
                                assertThat(status.getString("failureClass")).isEqualTo("transient");
                                assertThat(status.getString("state")).isEqualTo("backoff");
                                assertThat(status.getString("reason")).contains("HTTP 503");
                              });
                        } else if (refused.get() && "connected".equals(status.getString("state"))) {
                          // after the refusal, the next attempt connects by itself
                          ctx.completeNow();
                        }
                      });
              return deploy(vertx, socket);
            })
        .onFailure(ctx::failNow);
  }

  /**
   * Collects event ids. Once e1 arrived, the vendor lists e1 and e2 and tickles: the fetch returns
   * e1 again (dropped by dedup) and e2. Passes when e2 arrived after exactly one e1.
   */
  private static Future<Void> consume(
      Vertx vertx,
      CloudSocket socket,
      TickleVendor vendor,
      List<String> ids,
      VertxTestContext ctx) {
    return vertx
        .eventBus()
        .<JsonObject>consumer(
            CloudbusAddresses.events(socket.vendor(), socket.account()),
            m -> {
              ids.add(m.body().getString("id"));
              if (ids.equals(List.of("e1"))) {
                vendor.events(TickleVendor.event("e1", "cam1"), TickleVendor.event("e2", "cam2"));
                vendor.tickle();
              }
              if (ids.contains("e2")) {
                ctx.verify(
                    () -> {
                      assertThat(ids).containsExactly("e1", "e2");
                      assertThat(m.body().getString("type")).isEqualTo("io.cloudbus.camera.motion");
                      assertThat(m.body().getString("subject")).isEqualTo("cam2");
                      assertThat(socket.stats().getLong("duplicatesDropped")).isEqualTo(1L);
                      ctx.completeNow();
                    });
              }
            })
        .completion();
  }

  /** Found by its name through ServiceLoader, as the gateway finds it. */
  private static CloudSocket create(Vertx vertx, JsonObject account) {
    AdapterProvider provider =
        ServiceLoader.load(AdapterProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("tickle"))
            .findFirst()
            .orElseThrow();
    return provider.create(vertx, account, TokenStore.inMemory());
  }

  private static Future<Void> deploy(Vertx vertx, CloudSocket socket) {
    return vertx.deployVerticle(socket).mapEmpty();
  }
}
