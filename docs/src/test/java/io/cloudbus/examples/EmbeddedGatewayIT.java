package io.cloudbus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embedded example deploys the adapter and receives a doorbell ring from the event bus. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmbeddedGatewayIT {

  @Test
  void aRingPushedThroughTheMockArrivesOnTheBus(Vertx vertx, VertxTestContext ctx) {
    MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
        .compose(
            mock ->
                EmbeddedGateway.deploy(
                        vertx,
                        EmbeddedGateway.bticinoDemoAccount(mock),
                        event ->
                            ctx.verify(
                                () -> {
                                  // the call's first event is the ring; later ones of the same
                                  // call (the offer's media description) come after completion
                                  if (!"example-ring".equals(event.getString("subject"))
                                      || ctx.completed()) {
                                    return;
                                  }
                                  assertThat(event.getString("type"))
                                      .isEqualTo("io.cloudbus.doorbell.ring");
                                  assertThat(event.getString("source"))
                                      .isEqualTo("/cloudbus/bticino/home");
                                  ctx.completeNow();
                                }))
                    .compose(socket -> pushWhenConnected(vertx, mock, socket)))
        .onFailure(ctx::failNow);
  }

  /** Pushes the ring once the socket is subscribed (a push before that would reach no socket). */
  private static Future<Void> pushWhenConnected(Vertx vertx, MockCloud mock, CloudSocket socket) {
    Promise<Void> pushed = Promise.promise();
    vertx.setPeriodic(
        100,
        id -> {
          if ("connected".equals(socket.status().getString("state"))) {
            vertx.cancelTimer(id);
            WebClient.create(vertx)
                .postAbs(mock.adminUrl() + "/bticino/pushes")
                .sendJson(EmbeddedGateway.offer("example-ring"))
                .onSuccess(r -> pushed.tryComplete())
                .onFailure(pushed::tryFail);
          }
        });
    return pushed.future();
  }

  @Test
  void anUnknownAdapterFails(Vertx vertx, VertxTestContext ctx) {
    EmbeddedGateway.deploy(vertx, new JsonObject().put("adapter", "nope"), e -> {})
        .onComplete(
            ctx.failing(
                err ->
                    ctx.verify(
                        () -> {
                          assertThat(err).hasMessageContaining("no adapter named nope");
                          ctx.completeNow();
                        })));
  }
}
