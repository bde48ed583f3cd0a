package io.cloudbus.examples.tickle;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.auth.AuthOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Creates a {@link TickleSocket} from an account config {@code {"adapter":"tickle",
 * "account":"home", "clientId":"...", "clientSecret":"...", "endpoints":{"tokenUrl", "apiUrl",
 * "socketUrl"}, "reconnectInitialDelayMs":1000}}. Registered in {@code
 * META-INF/services/io.cloudbus.core.AdapterProvider}.
 */
public final class TickleAdapterProvider implements AdapterProvider {

  @Override
  public String name() {
    return "tickle";
  }

  @Override
  public CloudSocket create(Vertx vertx, JsonObject config, TokenStore tokens) {
    String account = required(config, "account", "?");
    String clientId = required(config, "clientId", account);
    String clientSecret = required(config, "clientSecret", account);
    JsonObject endpoints = config.getJsonObject("endpoints", new JsonObject());
    String tokenUrl = required(endpoints, "tokenUrl", account);
    String apiUrl = required(endpoints, "apiUrl", account);
    String socketUrl = required(endpoints, "socketUrl", account);
    CloudSocketOptions options =
        CloudSocketOptions.builder(name(), account)
            .reconnectInitialDelayMs(config.getLong("reconnectInitialDelayMs", 1_000L))
            .build();
    AuthOptions auth = AuthOptions.builder(name() + "/" + account).tokenStore(tokens).build();
    // A supplier, not a handler: the socket creates a fresh handler per deployment on its own
    // context, and closes it when it stops.
    return new TickleSocket(
        vertx,
        options,
        () -> new TickleAuthHandler(vertx, auth, tokenUrl, clientId, clientSecret),
        socketUrl,
        apiUrl);
  }

  /** Names the field, never its value (a secret must not reach a log). */
  private static String required(JsonObject json, String field, String account) {
    String value = json.getString(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("accounts[" + account + "]." + field + ": required");
    }
    return value;
  }
}
