package io.cloudbus.cli.config;

import io.cloudbus.cluster.ClusterOptions;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated configuration of {@code cloudbus run}: the bridge service, the token store and the
 * accounts. Immutable; built by {@link ConfigLoader}, so every instance passed validation
 * (environment references resolved, no unknown field, every value in range). See
 * docs/configuration.md.
 *
 * @param service the bridge service settings (tokens are kept as hashes only)
 * @param tokenStorePath where refresh tokens persist; null keeps them in memory only
 * @param cluster the {@code cluster} section (used by {@code run --cluster}); null when absent
 * @param accounts one JSON object per account, exactly as its {@code AdapterProvider} expects
 *     (fields {@code adapter}, {@code account}, adapter fields, optional {@code endpoints} and
 *     {@code socket}); copies are handed out
 */
public record GatewayConfig(
    ServiceOptions service,
    Path tokenStorePath,
    List<JsonObject> accounts,
    ClusterOptions cluster) {

  /** A configuration without a {@code cluster} section. */
  public GatewayConfig(ServiceOptions service, Path tokenStorePath, List<JsonObject> accounts) {
    this(service, tokenStorePath, accounts, null);
  }

  public GatewayConfig {
    accounts = accounts.stream().map(JsonObject::copy).toList();
  }

  @Override
  public List<JsonObject> accounts() {
    return accounts.stream().map(JsonObject::copy).toList();
  }

  /** Redacted: accounts are listed by adapter and name only. */
  @Override
  public String toString() {
    return "GatewayConfig[service="
        + service.toJson().encode()
        + ", tokenStorePath="
        + tokenStorePath
        + ", cluster="
        + cluster
        + ", accounts="
        + accounts.stream().map(a -> a.getValue("adapter") + "/" + a.getValue("account")).toList()
        + "]";
  }
}
