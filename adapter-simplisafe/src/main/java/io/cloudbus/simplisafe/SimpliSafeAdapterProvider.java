package io.cloudbus.simplisafe;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.config.ConfigDescription;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * Builds a {@link SimpliSafeSocket} from an account configuration ({@link SimpliSafeConfig}):
 * {@code {"adapter":"simplisafe","account":..., "refreshToken"?, "deviceId"?, "endpoints"?,
 * "keepalive"?:{"pingIntervalMs","silenceTimeoutMs"}, "refreshMarginMs"?, "socket"?}}.
 */
public final class SimpliSafeAdapterProvider implements AdapterProvider {

  @Override
  public String name() {
    return SimpliSafeEventMapper.VENDOR;
  }

  /** The account fields and demo account ({@link SimpliSafeConfig#DESCRIPTION}). */
  @Override
  public ConfigDescription description() {
    return SimpliSafeConfig.DESCRIPTION;
  }

  /**
   * @param tokens the token store; null for an in-memory one
   * @throws IllegalArgumentException naming the field, never containing a secret
   */
  @Override
  public CloudSocket create(Vertx vertx, JsonObject accountConfig, TokenStore tokens) {
    SimpliSafeConfig config = SimpliSafeConfig.fromJson(accountConfig);
    AuthOptions.Builder auth =
        AuthOptions.builder(config.tokenKey()).refreshMarginMs(config.refreshMarginMs());
    if (tokens != null) {
      auth.tokenStore(tokens);
    }
    AuthOptions authOptions = auth.build();
    // the socket creates the handler on its own context at start and closes it at stop
    return new SimpliSafeSocket(
        config.socketOptions(),
        () ->
            new SimpliSafeAuthHandler(
                vertx,
                authOptions,
                config.endpoints(),
                config.refreshToken(),
                config.socketOptions()),
        config.endpoints(),
        KeepalivePolicy.pingFrames(config.pingIntervalMs(), config.silenceTimeoutMs()),
        Clock.systemUTC());
  }
}
