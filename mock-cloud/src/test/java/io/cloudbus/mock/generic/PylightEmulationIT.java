package io.cloudbus.mock.generic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.cloudbus.mock.generic.HomeAssistantEmulationIT.Client;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PylightEmulationIT {

  @RegisterExtension
  static MockCloudExtension mock =
      new MockCloudExtension(List.of(new HomeAssistantEmulation(), new PylightEmulation()));

  @Test
  void echoesAndBroadcastsPerTable(Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    String base = cloud.endpoints("pylight").getString("url");
    Client products = HomeAssistantEmulationIT.connect(vertx, base + "/ws/products");
    Client orders = HomeAssistantEmulationIT.connect(vertx, base + "/ws/orders");

    products.ws().writeTextMessage("hello");
    products.awaitFrames(1);
    assertThat(products.last())
        .isEqualTo(new JsonObject().put("message", "Received").put("data", "hello"));

    JsonObject msg =
        new JsonObject()
            .put("type", "update")
            .put("model", "orders")
            .put("data", new JsonObject().put("id", 3));
    JsonObject r = admin.pushGeneric("pylight", msg);
    assertThat(r.getInteger("pushed")).isEqualTo(1);
    orders.awaitFrames(1);
    assertThat(orders.last()).isEqualTo(msg);
    assertThat(products.frames()).hasSize(1);
  }
}
