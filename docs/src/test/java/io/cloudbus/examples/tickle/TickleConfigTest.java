package io.cloudbus.examples.tickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cloudbus.cli.config.ConfigException;
import io.cloudbus.cli.config.ConfigLoader;
import io.cloudbus.cli.config.GatewayConfig;
import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.config.FieldType;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A new vendor is a new module, nothing else: {@code cloudbus run}'s validator (cloudbus-cli, not
 * edited for tickle) finds the example adapter through {@code ServiceLoader} and checks a tickle
 * account's fields through the adapter's own description, exactly as it does for the bundled ones.
 */
class TickleConfigTest {

  private final Vertx vertx = Vertx.vertx();
  private final Map<String, String> env = new HashMap<>();
  private final Map<String, AdapterProvider> providers = AdapterProvider.installed();

  /** As {@code cloudbus run} builds it: the description first, then the adapter's create. */
  private final ConfigLoader loader =
      new ConfigLoader(
          env::get,
          providers,
          account ->
              providers
                  .get(account.getString("adapter"))
                  .create(vertx, account, TokenStore.inMemory()));

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void theTickleAdapterIsInstalledAndDescribesItsFields() {
    // GIVEN nothing but the docs module on the class path (META-INF/services)
    // THEN the tickle provider is found, with its fields, the secret marked
    assertThat(providers).containsKey("tickle");
    var description = providers.get("tickle").description();
    assertThat(description.vendors()).containsExactly("tickle");
    assertThat(description.field("clientSecret").secret()).isTrue();
    assertThat(description.field("clientSecret").required()).isTrue();
    assertThat(description.field("endpoints").type()).isEqualTo(FieldType.OBJECT);
    assertThat(description.toJson().encode()).contains("\"name\":\"socketUrl\"");
  }

  @Test
  void aBadTickleAccountIsReportedFieldByFieldWithoutItsSecret() {
    // GIVEN a tickle account with a misspelt secret, a wrong socket URL and a bad delay
    String yaml =
        """
        accounts:
          - adapter: tickle
            account: home
            clientId: example
            clientSecrt: hunter2-secret
            reconnectInitialDelayMs: 0
            endpoints:
              tokenUrl: http://127.0.0.1:1/token
              apiUrl: http://127.0.0.1:1
              socketUrl: http://127.0.0.1:1/push
        """;
    // WHEN cloudbus run's loader validates it
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml, false, null));
    // THEN every error names its path, as declared by the tickle description, and no value
    assertThat(e.errors())
        .containsExactlyInAnyOrder(
            "accounts[0].clientSecret: required",
            "accounts[0].clientSecrt: unknown field",
            "accounts[0].reconnectInitialDelayMs: must be between 1 and 3600000",
            "accounts[0].endpoints.socketUrl: expected an absolute ws(s) URL");
    assertThat(String.join("\n", e.errors())).doesNotContain("hunter2");
  }

  @Test
  void aGoodTickleAccountLoadsWithItsNumbersFromTheEnvironment() throws Exception {
    // GIVEN a tickle account whose delay comes from an environment variable (a string)
    env.put("TICKLE_DELAY", "250");
    String yaml =
        """
        accounts:
          - adapter: tickle
            account: home
            clientId: example
            clientSecret: example-secret
            reconnectInitialDelayMs: ${TICKLE_DELAY}
            endpoints: {tokenUrl: "http://127.0.0.1:1/token", apiUrl: "http://127.0.0.1:1",
                        socketUrl: "ws://127.0.0.1:1/push"}
        """;
    // WHEN it is loaded
    GatewayConfig config = loader.parse(yaml, false, null);
    // THEN the described integer arrives as a number, ready for the adapter
    assertThat(config.accounts().get(0).getValue("reconnectInitialDelayMs")).isEqualTo(250L);
  }
}
