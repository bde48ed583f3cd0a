package io.cloudbus.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.TokenStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GenericAdapterProviderTest {

  private static Vertx vertx;
  private final GenericAdapterProvider provider = new GenericAdapterProvider();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() throws Exception {
    vertx
        .close()
        .toCompletionStage()
        .toCompletableFuture()
        .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private static JsonObject ha() {
    return new JsonObject()
        .put("adapter", "generic")
        .put("profile", "home-assistant")
        .put("account", "home")
        .put("url", "http://ha.local:8123")
        .put("token", "super-secret-token");
  }

  @Test
  void foundByServiceLoader() {
    assertThat(ServiceLoader.load(AdapterProvider.class).stream().map(p -> p.get().name()))
        .contains("generic");
  }

  @Test
  void createsAHomeAssistantSocket() {
    CloudSocket s = provider.create(vertx, ha(), TokenStore.inMemory());
    assertThat(s.vendor()).isEqualTo("home-assistant");
    assertThat(s.account()).isEqualTo("home");
    assertThat(((GenericCloudSocket) s).profile().vendor()).isEqualTo("home-assistant");
  }

  @Test
  void errorsNameTheFieldAndHideSecrets() {
    assertThatThrownBy(() -> provider.create(vertx, ha().put("token", 42), null))
        .hasMessage("accounts[home].token: must be a non-empty string");
    assertThatThrownBy(() -> provider.create(vertx, ha().put("eventTypes", "state_changed"), null))
        .hasMessage("accounts[home].eventTypes: must be a list of strings");
    JsonObject noUrl = ha();
    noUrl.remove("url");
    assertThatThrownBy(() -> provider.create(vertx, noUrl, null))
        .hasMessage("accounts[home].url: required by profile home-assistant")
        .hasMessageNotContaining("super-secret-token");
    assertThatThrownBy(() -> provider.create(vertx, ha().put("profile", "nope.yaml"), null))
        .hasMessageStartingWith("accounts[home].profile: nope.yaml: cannot read profile");
    JsonObject noProfile = ha();
    noProfile.remove("profile");
    assertThatThrownBy(() -> provider.create(vertx, noProfile, null))
        .hasMessageStartingWith("accounts[home].profile: required");
    assertThatThrownBy(
            () ->
                provider.create(
                    vertx, ha().put("socket", new JsonObject().put("replyTimeoutMs", -1)), null))
        .hasMessageStartingWith("accounts[home].socket: replyTimeoutMs must be between 1 and");
    assertThatThrownBy(() -> provider.create(vertx, ha().put("keepalive", new JsonArray()), null))
        .hasMessageStartingWith("accounts[home].keepalive:");
  }

  /** A Pylight account named shop, without its url and table. */
  private static JsonObject pylight() {
    return new JsonObject()
        .put("adapter", "generic")
        .put("profile", "pylight")
        .put("account", "shop");
  }

  @Test
  void pylightNeedsItsTable() {
    JsonObject p = pylight().put("url", "http://localhost:8000");
    assertThatThrownBy(() -> provider.create(vertx, p, null))
        .hasMessage("accounts[shop].table: required by profile pylight");
    assertThat(provider.create(vertx, p.put("table", "products"), null).vendor())
        .isEqualTo("pylight");
  }

  @Test
  void aConnectionUrlThatCannotBeUsedIsAConfigurationErrorNotAFirstConnectionFailure() {
    JsonObject p = pylight().put("table", "products");
    assertThatThrownBy(() -> provider.create(vertx, p.copy().put("url", "ftp://h"), null))
        .hasMessage("accounts[shop].url: must be a ws://, wss://, http:// or https:// URL");
    assertThatThrownBy(() -> provider.create(vertx, ha().put("url", "homeassistant:8123"), null))
        .hasMessage("accounts[home].url: must be a ws://, wss://, http:// or https:// URL");
    assertThatThrownBy(() -> provider.create(vertx, p.copy().put("url", "http://"), null))
        .hasMessage("accounts[shop].url: the connection URL (built from url, table) has no host");
    assertThatThrownBy(
            () ->
                provider.create(
                    vertx, p.copy().put("url", "http://h:8000").put("table", "a b"), null))
        .hasMessage(
            "accounts[shop].url: the connection URL (built from url, table) is not a valid URI"
                + " (check their characters)")
        .hasMessageNotContaining("a b");
    assertThat(provider.create(vertx, p.copy().put("url", "https://h:8000/"), null).vendor())
        .isEqualTo("pylight");
  }

  @Test
  void wsUrlConversion() {
    assertThat(GenericCloudSocket.wsUrl("http://h:8123/api/websocket"))
        .isEqualTo("ws://h:8123/api/websocket");
    assertThat(GenericCloudSocket.wsUrl("https://h/base//api/websocket"))
        .isEqualTo("wss://h/base/api/websocket");
    assertThatThrownBy(() -> GenericCloudSocket.wsUrl("ftp://h"))
        .hasMessageContaining("url must be");
  }
}
