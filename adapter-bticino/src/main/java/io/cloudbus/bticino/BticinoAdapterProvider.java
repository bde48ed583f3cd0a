package io.cloudbus.bticino;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.config.ConfigDescription;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The {@code bticino} adapter: builds a {@link BticinoSocket} with its {@link BticinoAuthHandler}
 * from one account entry ({@link BticinoConfig} lists the fields). Found by {@link
 * java.util.ServiceLoader}.
 */
public final class BticinoAdapterProvider implements AdapterProvider {

  public static final String NAME = "bticino";

  @Override
  public String name() {
    return NAME;
  }

  /** The account fields and demo account ({@link BticinoConfig#DESCRIPTION}). */
  @Override
  public ConfigDescription description() {
    return BticinoConfig.DESCRIPTION;
  }

  /**
   * @throws IllegalArgumentException naming the offending field, never showing a secret
   */
  @Override
  public CloudSocket create(Vertx vertx, JsonObject accountConfig, TokenStore tokens) {
    Objects.requireNonNull(vertx, "vertx");
    BticinoConfig config = BticinoConfig.fromJson(accountConfig);
    TokenStore store = tokens == null ? TokenStore.inMemory() : tokens;
    return new BticinoSocket(config, () -> new BticinoAuthHandler(vertx, config, store));
  }
}
