package io.cloudbus.simplisafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.TokenStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimpliSafeAdapterProviderTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void isFoundByServiceLoaderUnderItsName() {
    assertThat(ServiceLoader.load(AdapterProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(
            p -> {
              assertThat(p.name()).isEqualTo("simplisafe");
              assertThat(p).isInstanceOf(SimpliSafeAdapterProvider.class);
            });
  }

  @Test
  void createsASocketNamedAfterTheAccount() {
    CloudSocket socket =
        new SimpliSafeAdapterProvider()
            .create(
                vertx,
                new JsonObject().put("account", "home").put("refreshToken", "v1.secret"),
                TokenStore.inMemory());

    assertThat(socket).isInstanceOf(SimpliSafeSocket.class);
    assertThat(socket.vendor()).isEqualTo("simplisafe");
    assertThat(socket.account()).isEqualTo("home");
  }

  @Test
  void badConfigNamesTheFieldWithoutTheSecret() {
    JsonObject config =
        new JsonObject()
            .put("account", "home")
            .put("refreshToken", "v1.secret")
            .put(
                "keepalive",
                new JsonObject().put("pingIntervalMs", 60000).put("silenceTimeoutMs", 1000));

    assertThatThrownBy(() -> new SimpliSafeAdapterProvider().create(vertx, config, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accounts[home].keepalive.silenceTimeoutMs")
        .message()
        .doesNotContain("v1.secret");
  }
}
