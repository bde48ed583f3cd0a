package io.cloudbus.core;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Creates an account's {@link CloudSocket} from its JSON configuration alone, so that the bridge
 * service (and a cluster node taking over an account) can deploy any adapter without knowing it.
 * Implementations are found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/io.cloudbus.core.AdapterProvider}.
 *
 * <p>An account configuration is one entry of the service's {@code accounts} list, e.g. {@code
 * {"adapter":"simplisafe","account":"home","refreshToken":"${SS_TOKEN}", "endpoints":{...},
 * "socket":{...CloudSocketOptions fields...}}}. {@code adapter} selects the provider by {@link
 * #name()}; the remaining fields belong to the adapter and are documented in its docs/adapters
 * page. {@code endpoints} overrides the vendor URLs (e.g. to point at a mock cloud).
 */
public interface AdapterProvider {

  /** The value of {@code adapter} that selects this provider, e.g. {@code simplisafe}. */
  String name();

  /**
   * Validates {@code accountConfig} and creates the socket (not yet deployed).
   *
   * @throws IllegalArgumentException naming the offending field (e.g. {@code
   *     accounts[home].refreshToken: required}); never containing a secret value
   */
  CloudSocket create(Vertx vertx, JsonObject accountConfig, TokenStore tokens);
}
