package io.cloudbus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MockCloudStartIT {

  @Test
  void serviceLoaderInstallsEveryEmulationOnTheClassPath(Vertx vertx, VertxTestContext test) {
    MockCloud.start(vertx)
        .onComplete(
            test.succeeding(
                cloud ->
                    test.verify(
                        () -> {
                          assertThat(cloud.vendors()).contains(EchoEmulation.NAME);
                          assertThat(
                                  cloud.describe().getJsonObject("vendors").getJsonObject("echo"))
                              .isEqualTo(cloud.endpoints("echo"));
                          cloud.close().onComplete(test.succeedingThenComplete());
                        })));
  }

  @Test
  void duplicateOrBadNamesFailTheStart(Vertx vertx, VertxTestContext test) {
    VendorEmulation badName =
        new VendorEmulation() {
          @Override
          public String name() {
            return "Bad Name";
          }

          @Override
          public void install(MockCloudContext ctx) {}

          @Override
          public JsonObject endpoints() {
            return new JsonObject();
          }

          @Override
          public void reset() {}
        };
    MockCloud.start(
            vertx,
            new MockCloudOptions().emulations(List.of(new EchoEmulation(), new EchoEmulation())))
        .onComplete(
            test.failing(
                e -> {
                  test.verify(() -> assertThat(e).hasMessage("two emulations named echo"));
                  MockCloud.start(vertx, new MockCloudOptions().emulations(List.of(badName)))
                      .onComplete(
                          test.failing(
                              e2 ->
                                  test.verify(
                                      () -> {
                                        assertThat(e2).hasMessage("bad emulation name: Bad Name");
                                        test.completeNow();
                                      })));
                }));
  }

  @Test
  void aTakenPortFailsTheStartAndAFailingInstallToo(Vertx vertx, VertxTestContext test) {
    VendorEmulation failing =
        new VendorEmulation() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public void install(MockCloudContext ctx) {
            throw new IllegalStateException("cannot install");
          }

          @Override
          public JsonObject endpoints() {
            return new JsonObject();
          }

          @Override
          public void reset() {}
        };
    MockCloud.start(vertx, new MockCloudOptions().emulations(List.of()))
        .compose(
            first ->
                MockCloud.start(
                        vertx, new MockCloudOptions().emulations(List.of()).port(first.port()))
                    .onComplete(
                        test.failing(e -> test.verify(() -> assertThat(first.port()).isPositive())))
                    .recover(e -> first.close().map((MockCloud) null)))
        .compose(
            ignored -> MockCloud.start(vertx, new MockCloudOptions().emulations(List.of(failing))))
        .onComplete(
            test.failing(
                e ->
                    test.verify(
                        () -> {
                          assertThat(e).hasMessage("cannot install");
                          test.completeNow();
                        })));
  }
}
