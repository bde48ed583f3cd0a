package io.cloudbus.generic;

import static io.cloudbus.generic.ItSupport.WAIT;
import static io.cloudbus.generic.ItSupport.deploy;
import static io.cloudbus.generic.ItSupport.join;
import static io.cloudbus.generic.ItSupport.pylightConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.ConnectionState;
import io.cloudbus.generic.ItSupport.Deployed;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PylightIT {

  @RegisterExtension static MockCloudExtension mock = ItSupport.mockCloud();

  @Test
  void bothMessageShapesBecomeResourceEvents(
      Vertx vertx, MockCloud cloud, MockCloudAdminClient admin) {
    Deployed products = deploy(vertx, pylightConfig(cloud, "products"));
    Deployed orders = deploy(vertx, pylightConfig(cloud, "orders"));
    products.awaitState(ConnectionState.CONNECTED);
    orders.awaitState(ConnectionState.CONNECTED);

    // the shape the code sends, and the shape the docs show
    admin.pushGeneric(
        "pylight",
        new JsonArray()
            .add(
                new JsonObject()
                    .put("type", "create")
                    .put("model", "products")
                    .put("data", new JsonObject().put("id", 1).put("name", "Laptop")))
            .add(
                new JsonObject()
                    .put("event", "deleted")
                    .put("resource", "products")
                    .put("data", new JsonObject().put("id", 2))));

    await().atMost(WAIT).until(() -> products.events().size() == 2);
    assertThat(products.events().get(0).name()).isEqualTo("resource.created");
    assertThat(products.events().get(0).subject()).isEqualTo("products/1");
    assertThat(products.events().get(1).name()).isEqualTo("resource.deleted");
    assertThat(products.events().get(1).subject()).isEqualTo("products/2");
    // only the products socket got them: one socket per table
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> orders.events().isEmpty());
  }

  @Test
  void restWritesBroadcastAndEchoesAreIgnored(Vertx vertx, MockCloud cloud) throws Exception {
    Deployed d = deploy(vertx, pylightConfig(cloud, "sensors"));
    d.awaitState(ConnectionState.CONNECTED);

    // an echo of our own message is not an event
    JsonObject sent =
        join(
            d.socket()
                .command(
                    "send", new JsonObject().put("message", new JsonObject().put("hello", 1))));
    assertThat(sent.getBoolean("sent")).isTrue();
    await().atMost(WAIT).until(() -> d.socket().stats().getLong("messagesIn") >= 1);

    // a REST write broadcasts in the code's shape
    String api = cloud.endpoints("pylight").getString("apiBaseUrl");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/sensors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"t1\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    long id = new JsonObject(created.body()).getLong("id");
    http.send(
        HttpRequest.newBuilder(URI.create(api + "/sensors/" + id))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"t2\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    await().atMost(WAIT).until(() -> d.events().size() == 2);
    assertThat(d.events().get(0).name()).isEqualTo("resource.created");
    assertThat(d.events().get(1).name()).isEqualTo("resource.updated");
    assertThat(d.events().get(1).subject()).isEqualTo("sensors/" + id);
    assertThat(d.events().get(1).data().getJsonObject("row").getString("name")).isEqualTo("t2");
    assertThat(d.events()).noneMatch(e -> e.name().equals("unmapped"));
  }
}
