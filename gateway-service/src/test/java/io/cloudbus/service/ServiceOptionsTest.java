package io.cloudbus.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceOptionsTest {

  @Test
  void defaultsAreTheNamedConstants() {
    ServiceOptions o = ServiceOptions.defaults();
    assertThat(o.httpPort()).isEqualTo(8080);
    assertThat(o.tcpPort()).isEqualTo(7000);
    assertThat(o.host()).isEqualTo(ServiceOptions.DEFAULT_HOST);
    assertThat(o.tokens()).isEmpty();
    assertThat(o.tlsEnabled()).isFalse();
    assertThat(o.maxFrameBytes()).isEqualTo(ServiceOptions.DEFAULT_MAX_FRAME_BYTES);
    assertThat(o.recentEventsSize()).isEqualTo(ServiceOptions.DEFAULT_RECENT_EVENTS_SIZE);
  }

  @Test
  void roundTripsThroughJsonWithoutThePlainToken() {
    ServiceOptions o =
        ServiceOptions.builder()
            .httpPort(0)
            .tcpPort(-1)
            .addToken("s3cret", Role.COMMAND)
            .tls("cert.pem", "key.pem")
            .maxClients(7)
            .build();
    JsonObject json = o.toJson();
    assertThat(json.encode()).doesNotContain("s3cret");
    ServiceOptions back = ServiceOptions.fromJson(json);
    assertThat(back).isEqualTo(o);
    assertThat(back.tokens().get(0).roles()).containsExactlyInAnyOrder(Role.READ, Role.COMMAND);
    assertThat(back.tokens().get(0).matches(ApiToken.sha256("s3cret"))).isTrue();
  }

  @Test
  void readsPlainAndHashedTokens() {
    ServiceOptions o =
        ServiceOptions.fromJson(
            new JsonObject()
                .put(
                    "tokens",
                    new JsonArray()
                        .add(new JsonObject().put("token", "abc").put("name", "dash"))
                        .add(
                            new JsonObject()
                                .put(
                                    "tokenSha256",
                                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
                                .put("roles", new JsonArray().add("command")))));
    assertThat(o.tokens().get(0).roles()).containsExactly(Role.READ);
    assertThat(o.tokens().get(0).matches(ApiToken.sha256("abc"))).isTrue();
    assertThat(o.tokens().get(1).matches(ApiToken.sha256("abc"))).isTrue();
    assertThat(o.tokens().get(0).toString()).contains("dash").doesNotContain("abc\"");
  }

  @Test
  void validationNamesTheField() {
    assertThatThrownBy(() -> ServiceOptions.fromJson(new JsonObject().put("httpPort", 70000)))
        .hasMessageContaining("httpPort");
    assertThatThrownBy(() -> ServiceOptions.fromJson(new JsonObject().put("colour", "red")))
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> ServiceOptions.fromJson(new JsonObject().put("tlsCertPath", "c.pem")))
        .hasMessageContaining("tlsKeyPath");
    assertThatThrownBy(() -> ServiceOptions.fromJson(new JsonObject().put("maxClients", "many")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ServiceOptions.fromJson(
                    new JsonObject()
                        .put(
                            "tokens",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("token", "x")
                                        .put("roles", new JsonArray().add("admin"))))))
        .hasMessageContaining("tokens[0]")
        .hasMessageContaining("admin");
    assertThatThrownBy(
            () ->
                ServiceOptions.fromJson(
                    new JsonObject()
                        .put(
                            "tokens",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("token", "topsecret")
                                        .put("tokenSha256", "00")))))
        .hasMessageContaining("exactly one")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> ServiceOptions.builder().clientQueueHighWaterMark(0).build())
        .hasMessageContaining("clientQueueHighWaterMark");
  }

  @Test
  void openReadsNeedsATokenAndALoopbackHostAndRoundTrips() {
    ServiceOptions o =
        ServiceOptions.builder()
            .tokens(
                java.util.List.of(
                    ApiToken.ofPlain("demo", "t0k3n", Set.of(Role.COMMAND))
                        .withCommands(Set.of("arm_away"))))
            .openReads(true)
            .build();
    assertThat(o.openReads()).isTrue();
    assertThat(ServiceOptions.fromJson(o.toJson())).isEqualTo(o);
    assertThat(ServiceOptions.fromJson(o.toJson()).tokens().get(0).commands())
        .containsExactly("arm_away");
    assertThat(ServiceOptions.defaults().openReads()).isFalse();
    assertThatThrownBy(() -> ServiceOptions.builder().openReads(true).build())
        .hasMessageContaining("openReads");
    assertThatThrownBy(
            () ->
                ServiceOptions.builder()
                    .host("0.0.0.0")
                    .addToken("t0k3n", Role.COMMAND)
                    .openReads(true)
                    .build())
        .hasMessageContaining("loopback");
  }

  @Test
  void aTokensCommandsAreActionNames() {
    ApiToken t =
        ApiToken.fromJson(
            new JsonObject()
                .put("token", "x")
                .put("roles", new JsonArray().add("command"))
                .put("commands", new JsonArray().add("unlock_door")));
    assertThat(t.allowsAction("unlock_door")).isTrue();
    assertThat(t.allowsAction("disarm")).isFalse();
    assertThat(t.toJson().getJsonArray("commands")).containsExactly("unlock_door");
    assertThat(ApiToken.ofPlain(null, "y", Set.of(Role.COMMAND)).allowsAction("disarm")).isTrue();
    assertThatThrownBy(
            () ->
                ApiToken.fromJson(
                    new JsonObject()
                        .put("token", "x")
                        .put("commands", new JsonArray().add("Not An Action"))))
        .hasMessageContaining("commands");
  }

  @Test
  void roleNamesAreLowerCase() {
    assertThat(Role.fromWireName("command")).isEqualTo(Role.COMMAND);
    assertThat(ApiToken.ofPlain(null, "t", Set.of(Role.COMMAND)).hasRole(Role.READ)).isTrue();
    assertThatThrownBy(() -> Role.fromWireName("root")).hasMessageContaining("root");
  }
}
