package io.cloudbus.generic;

import static io.cloudbus.generic.ItSupport.WAIT;
import static io.cloudbus.generic.ItSupport.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.ConnectionState;
import io.cloudbus.generic.ItSupport.Deployed;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A made-up vendor ("acme") described only by a profile file, served by a tiny test server: bearer
 * header on the upgrade, one watch message per configured sensor (each awaiting its ack), ping
 * frames, alerts mapped with the vendor's own id.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CustomProfileIT {

  @Test
  void madeUpVendorFromAProfileFile(Vertx vertx, @TempDir Path dir) throws Exception {
    // GIVEN an Acme server that wants a bearer token and acks watch requests
    List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    List<String> watched = new CopyOnWriteArrayList<>();
    HttpServer server =
        ItSupport.join(
            vertx
                .createHttpServer()
                .webSocketHandshakeHandler(
                    h -> {
                      if ("Bearer acme-secret".equals(h.headers().get("Authorization"))
                          && "cloudbus".equals(h.headers().get("X-Client"))) {
                        h.accept();
                      } else {
                        h.reject(401);
                      }
                    })
                .webSocketHandler(
                    ws -> {
                      sockets.add(ws);
                      ws.textMessageHandler(
                          text -> {
                            JsonObject m = new JsonObject(text);
                            watched.add(m.getString("sensor"));
                            ws.writeTextMessage(
                                new JsonObject()
                                    .put("op", "watching")
                                    .put("sensor", m.getString("sensor"))
                                    .encode());
                          });
                    })
                .listen(0, "127.0.0.1"));
    // AND the profile as a user would write it: a file, no Java
    Path profile = dir.resolve("acme.yaml");
    try (var in = getClass().getClassLoader().getResourceAsStream("profiles/acme.yaml")) {
      Files.write(profile, in.readAllBytes());
    }
    JsonObject config =
        new JsonObject()
            .put("adapter", "generic")
            .put("profile", profile.toString())
            .put("account", "lab")
            .put("url", "ws://127.0.0.1:" + server.actualPort() + "/push")
            .put("token", "acme-secret")
            .put("sensors", new JsonArray().add("s1").add("s2"))
            .put("socket", ItSupport.fastSocket());

    // WHEN deployed
    Deployed d = deploy(vertx, config);
    d.awaitState(ConnectionState.CONNECTED);
    assertThat(watched).containsExactly("s1", "s2");

    // THEN alerts become events with the vendor's id, a retransmission is dropped
    JsonObject alert =
        new JsonObject()
            .put("kind", "alert")
            .put(
                "alert",
                new JsonObject()
                    .put("uid", 77)
                    .put("sensor", "s2")
                    .put("at", "2026-01-02T03:04:05Z")
                    .put("level", "high"));
    sockets.get(0).writeTextMessage(alert.encode());
    sockets.get(0).writeTextMessage(alert.encode());
    sockets.get(0).writeTextMessage(new JsonObject().put("kind", "weather").encode());
    await().atMost(WAIT).until(() -> d.events().size() == 2);
    assertThat(d.events().get(0).id()).isEqualTo("acme-77");
    assertThat(d.events().get(0).name()).isEqualTo("alarm.triggered");
    assertThat(d.events().get(0).subject()).isEqualTo("s2");
    assertThat(d.events().get(0).vendor()).isEqualTo("acme");
    assertThat(d.events().get(1).name()).isEqualTo("unmapped");
    assertThat(d.socket().stats().getLong("duplicatesDropped")).isEqualTo(1);
  }

  @Test
  void wrongBearerTokenIsAnAuthFailure(Vertx vertx) {
    HttpServer server =
        ItSupport.join(
            vertx
                .createHttpServer()
                .webSocketHandshakeHandler(h -> h.reject(401))
                .webSocketHandler(ws -> {})
                .listen(0, "127.0.0.1"));
    JsonObject config =
        new JsonObject()
            .put("adapter", "generic")
            .put("profile", "src/test/resources/profiles/acme.yaml")
            .put("account", "lab")
            .put("url", "ws://127.0.0.1:" + server.actualPort() + "/push")
            .put("token", "nope")
            .put("socket", ItSupport.fastSocket());
    Deployed d = deploy(vertx, config);
    d.awaitState(ConnectionState.AUTH_FAILED);
    assertThat(d.socket().status().encode()).doesNotContain("nope");
  }
}
