package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static io.cloudbus.service.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SockJS {@code jsonp} transport, whose sends are form-encoded ({@code d=<frames>}): a send
 * larger than Vert.x's default form attribute size (8 KiB) but within the hard frame limit reaches
 * the bus.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SockJsJsonpIT {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(PATIENT).build();

  private GatewayService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close().await();
    }
  }

  @Test
  void aFormEncodedSendAboveEightKibReachesTheBus(Vertx vertx) throws Exception {
    // GIVEN a service with a command token and a consumer of the command address
    service =
        GatewayService.start(
                vertx, TestEvents.options().addToken("cmd-token", Role.COMMAND).build())
            .await();
    CompletableFuture<JsonObject> received = new CompletableFuture<>();
    MessageConsumer<JsonObject> consumer =
        vertx.eventBus().consumer("cloudbus.command.x.y", m -> received.complete(m.body()));
    consumer.completion().await();
    String base = "http://127.0.0.1:" + service.httpPort() + "/eventbus/000/jsonp1";
    // WHEN a jsonp session opens and sends a 20 KB command frame, form-encoded
    HttpResponse<String> open = send(HttpRequest.newBuilder(URI.create(base + "/jsonp?c=cb")));
    assertThat(open.body()).contains("cb(\"o\")");
    JsonObject frame =
        new JsonObject()
            .put("type", "send")
            .put("address", "cloudbus.command.x.y")
            .put("headers", new JsonObject().put("token", "cmd-token"))
            .put("body", new JsonObject().put("pad", "x".repeat(20_000)));
    String frames = new JsonArray().add(frame.encode()).encode();
    HttpResponse<String> sent =
        send(
            HttpRequest.newBuilder(URI.create(base + "/jsonp_send"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "d=" + URLEncoder.encode(frames, StandardCharsets.UTF_8))));
    // THEN the send is accepted and the command arrives, without its token
    assertThat(sent.statusCode()).isEqualTo(200);
    JsonObject body = received.get(PATIENT_SECONDS, TimeUnit.SECONDS);
    assertThat(body.getString("pad")).hasSize(20_000);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(
        request.header("Authorization", "Bearer cmd-token").timeout(PATIENT).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
