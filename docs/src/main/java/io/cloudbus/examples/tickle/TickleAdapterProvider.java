package io.cloudbus.examples.tickle;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.config.ConfigDescription;
import io.cloudbus.core.config.ConfigField;
import io.cloudbus.core.config.ConfigReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Creates a {@link TickleSocket} from an account config {@code {"adapter":"tickle",
 * "account":"home", "clientId":"...", "clientSecret":"...", "endpoints":{"tokenUrl", "apiUrl",
 * "socketUrl"}, "reconnectInitialDelayMs":1000}}, and describes those fields ({@link
 * #DESCRIPTION}), so that {@code cloudbus run} validates tickle accounts without knowing the
 * adapter. Registered in {@code META-INF/services/io.cloudbus.core.AdapterProvider}.
 */
public final class TickleAdapterProvider implements AdapterProvider {

  public static final String NAME = "tickle";

  public static final long DEFAULT_RECONNECT_INITIAL_DELAY_MS = 1_000;

  /** The account fields besides {@code adapter}, {@code account} and {@code socket}. */
  public static final ConfigDescription DESCRIPTION =
      ConfigDescription.of(
          NAME,
          ConfigField.string("clientId", "the OAuth 2 client id").asRequired(),
          ConfigField.string("clientSecret", "the OAuth 2 client secret").asRequired().asSecret(),
          ConfigField.object(
                  "endpoints",
                  "the vendor's URLs",
                  ConfigField.url("tokenUrl", "token endpoint", "http", "https").asRequired(),
                  ConfigField.url("apiUrl", "REST base URL", "http", "https").asRequired(),
                  ConfigField.url("socketUrl", "push socket", "ws", "wss").asRequired())
              .asRequired(),
          ConfigField.integer("reconnectInitialDelayMs", "first reconnect delay")
              .withRange(1, 3_600_000)
              .withDefault(DEFAULT_RECONNECT_INITIAL_DELAY_MS));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ConfigDescription description() {
    return DESCRIPTION;
  }

  @Override
  public CloudSocket create(Vertx vertx, JsonObject config, TokenStore tokens) {
    // One reader checks the described fields; its errors name the path, never a value.
    String name = config.getValue("account") instanceof String s && !s.isBlank() ? s : "?";
    ConfigReader r = ConfigReader.of(config, "accounts[" + name + "]");
    String account = r.string("account", true);
    JsonObject c = DESCRIPTION.check(r);
    r.throwIfInvalid();
    JsonObject endpoints = c.getJsonObject("endpoints");
    String clientId = c.getString("clientId");
    String clientSecret = c.getString("clientSecret");
    String tokenUrl = endpoints.getString("tokenUrl");
    CloudSocketOptions options =
        CloudSocketOptions.builder(NAME, account)
            .reconnectInitialDelayMs(
                c.getLong("reconnectInitialDelayMs", DEFAULT_RECONNECT_INITIAL_DELAY_MS))
            .build();
    AuthOptions auth = AuthOptions.builder(NAME + "/" + account).tokenStore(tokens).build();
    // A supplier, not a handler: the socket creates a fresh handler per deployment on its own
    // context, and closes it when it stops.
    return new TickleSocket(
        vertx,
        options,
        () -> new TickleAuthHandler(vertx, auth, tokenUrl, clientId, clientSecret),
        endpoints.getString("socketUrl"),
        endpoints.getString("apiUrl"));
  }
}
