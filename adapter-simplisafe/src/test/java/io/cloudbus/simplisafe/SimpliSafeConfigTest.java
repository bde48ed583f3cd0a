package io.cloudbus.simplisafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SimpliSafeConfigTest {

  @Test
  void minimalConfigTakesTheRealHostsAndDefaults() {
    SimpliSafeConfig config =
        SimpliSafeConfig.fromJson(
            new JsonObject().put("account", "home").put("refreshToken", "rt"));

    assertThat(config.endpoints()).isEqualTo(SimpliSafeEndpoints.defaults());
    assertThat(config.endpoints().socketUrl())
        .isEqualTo("wss://socketlink.prd.aser.simplisafe.com");
    assertThat(config.socketOptions().vendor()).isEqualTo("simplisafe");
    assertThat(config.socketOptions().account()).isEqualTo("home");
    assertThat(config.deviceId()).matches("[0-9A-F-]{36}");
    assertThat(config.tokenKey()).isEqualTo("simplisafe/home");
    assertThat(config.toString()).doesNotContain("rt,").contains("***");
  }

  @Test
  void endpointsAndSocketOptionsAreRead() {
    JsonObject json =
        new JsonObject()
            .put("account", "a1")
            .put(
                "endpoints",
                new JsonObject()
                    .put("authBaseUrl", "http://127.0.0.1:1/auth/")
                    .put("apiBaseUrl", "http://127.0.0.1:1")
                    .put("socketUrl", "ws://127.0.0.1:2/simplisafe"))
            .put("socket", new JsonObject().put("reconnectInitialDelayMs", 10));

    SimpliSafeConfig config = SimpliSafeConfig.fromJson(json);

    assertThat(config.refreshToken()).isNull();
    assertThat(config.endpoints().authBaseUrl()).isEqualTo("http://127.0.0.1:1/auth");
    assertThat(config.endpoints().socketUrl()).isEqualTo("ws://127.0.0.1:2/simplisafe");
    assertThat(config.socketOptions().reconnectInitialDelayMs()).isEqualTo(10);
  }

  @Test
  void errorsNameTheFieldAndNeverTheSecret() {
    assertThatThrownBy(() -> SimpliSafeConfig.fromJson(new JsonObject()))
        .hasMessageContaining("account: required");
    assertThatThrownBy(
            () ->
                SimpliSafeConfig.fromJson(
                    new JsonObject().put("account", "h").put("refreshToken", new JsonArray())))
        .hasMessage("accounts[h].refreshToken: expected a string");
    assertThatThrownBy(
            () ->
                SimpliSafeConfig.fromJson(
                    new JsonObject()
                        .put("account", "h")
                        .put("refreshToken", "v1.supersecret")
                        .put("endpoints", new JsonObject().put("socketUrl", "http://x"))))
        .hasMessageContaining("accounts[h].endpoints.socketUrl")
        .message()
        .doesNotContain("supersecret");
    assertThatThrownBy(
            () ->
                SimpliSafeConfig.fromJson(
                    new JsonObject()
                        .put("account", "h")
                        .put("refreshToken", "v1.supersecret")
                        .put("socket", new JsonObject().put("reconnectInitialDelayMs", -1))))
        .hasMessageContaining("accounts[h].socket")
        .message()
        .doesNotContain("supersecret");
    assertThatThrownBy(
            () ->
                SimpliSafeConfig.fromJson(
                    new JsonObject().put("account", "h").put("deviceId", "x")))
        .hasMessageContaining("accounts[h].deviceId");
    assertThatThrownBy(
            () ->
                SimpliSafeConfig.fromJson(
                    new JsonObject().put("account", "h").put("refreshToken", "${SS_TOKEN}")))
        .hasMessageContaining("accounts[h].refreshToken");
    assertThatThrownBy(() -> SimpliSafeConfig.fromJson(new JsonObject().put("account", "a b")))
        .hasMessageContaining("account");
  }
}
