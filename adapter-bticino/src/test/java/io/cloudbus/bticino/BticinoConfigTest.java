package io.cloudbus.bticino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class BticinoConfigTest {

  static JsonObject valid() {
    return new JsonObject()
        .put("adapter", "bticino")
        .put("account", "home")
        .put("username", "user@example.com")
        .put("password", "pw-SECRET-1")
        .put("clientSecret", "cs-SECRET-2");
  }

  @Test
  void defaults() {
    BticinoConfig c = BticinoConfig.fromJson(valid());
    assertThat(c.clientId()).isEqualTo("na_client_android_welcome");
    assertThat(c.scope()).isEqualTo("security_scopes");
    assertThat(c.appVersion()).isEqualTo("4.1.1.3");
    assertThat(c.tokenUrl()).isEqualTo("https://app.netatmo.net/oauth2/token");
    assertThat(c.apiBaseUrl()).isEqualTo("https://app.netatmo.net");
    assertThat(c.socketUrl()).isEqualTo("wss://app-ws.netatmo.net/ws/");
    assertThat(c.silenceTimeoutMs()).isEqualTo(90_000);
    assertThat(c.catchUpSize()).isEqualTo(20);
    assertThat(c.socketOptions().vendor()).isEqualTo("bticino");
    assertThat(c.socketOptions().account()).isEqualTo("home");
    assertThat(c.tokenKey()).isEqualTo("bticino/home");
  }

  @Test
  void endpointsAndSocketOverrides() {
    BticinoConfig c =
        BticinoConfig.fromJson(
            valid()
                .put("clientId", "cid")
                .put(
                    "endpoints",
                    new JsonObject()
                        .put("tokenUrl", "http://127.0.0.1:1/oauth2/token")
                        .put("apiBaseUrl", "http://127.0.0.1:1/")
                        .put("socketUrl", "ws://127.0.0.1:2/ws/"))
                .put(
                    "socket",
                    new JsonObject()
                        .put("reconnectInitialDelayMs", 10)
                        .put("reconnectMaxDelayMs", 50)
                        .put("silenceTimeoutMs", 500)
                        .put("catchUpSize", 5)));
    assertThat(c.clientId()).isEqualTo("cid");
    assertThat(c.apiBaseUrl()).isEqualTo("http://127.0.0.1:1");
    assertThat(c.socketUrl()).isEqualTo("ws://127.0.0.1:2/ws/");
    assertThat(c.socketOptions().reconnectInitialDelayMs()).isEqualTo(10);
    assertThat(c.silenceTimeoutMs()).isEqualTo(500);
    assertThat(c.catchUpSize()).isEqualTo(5);
  }

  @Test
  void errorsNameTheFieldAndHideSecrets() {
    assertThatThrownBy(() -> BticinoConfig.fromJson(valid().put("clientSecret", (String) null)))
        .hasMessage("accounts[home].clientSecret: required");
    assertThatThrownBy(() -> BticinoConfig.fromJson(valid().put("password", new JsonArray())))
        .hasMessage("accounts[home].password: expected a string");
    assertThatThrownBy(() -> BticinoConfig.fromJson(valid().put("username", " ")))
        .hasMessageContaining("username");
    assertThatThrownBy(() -> BticinoConfig.fromJson(valid().put("account", (String) null)))
        .hasMessage("accounts[?].account: required");
    assertThatThrownBy(
            () ->
                BticinoConfig.fromJson(
                    valid().put("endpoints", new JsonObject().put("socketUrl", "http://x/ws"))))
        .hasMessageContaining("accounts[home].endpoints.socketUrl");
    assertThatThrownBy(
            () ->
                BticinoConfig.fromJson(
                    valid().put("socket", new JsonObject().put("reconnectInitialDelayMs", -1))))
        .hasMessageContaining("accounts[home].socket")
        .hasMessageContaining("reconnectInitialDelayMs");
    assertThatThrownBy(() -> BticinoConfig.fromJson(valid().put("endpoints", "x")))
        .hasMessage("accounts[home].endpoints: expected an object");
    assertThatThrownBy(() -> BticinoConfig.fromJson(valid().put("account", "my home")))
        .hasMessage(
            "accounts[my home].account: use only letters, digits, '-' and '_'"
                + " (it is part of bus addresses)");
    String shown = BticinoConfig.fromJson(valid()).toString();
    assertThat(shown).doesNotContain("SECRET");
  }
}
