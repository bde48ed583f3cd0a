package io.cloudbus.simplisafe;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.impl.AuthOptions;
import io.cloudbus.simplisafe.impl.DeferredAuthHandler;
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
    // Built on first use (the socket's start), so that it runs on the socket's context.
    AuthHandler handler =
        new DeferredAuthHandler(
            () ->
                new SimpliSafeAuthHandler(
                    vertx, authOptions, config.endpoints(), config.refreshToken()));
    SimpliSafeApi api = new SimpliSafeApi(vertx, handler, config.endpoints());
    return new SimpliSafeSocket(
            config.socketOptions(),
            handler,
            api,
            config.endpoints(),
            KeepalivePolicy.pingFrames(config.pingIntervalMs(), config.silenceTimeoutMs()),
            Clock.systemUTC())
        .closeAuthOnStop();
  }
}
