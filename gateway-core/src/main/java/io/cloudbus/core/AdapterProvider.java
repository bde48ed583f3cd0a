package io.cloudbus.core;

import io.cloudbus.core.config.ConfigDescription;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

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
 *
 * <p>A provider describes itself ({@link #description()}: vendor names, account fields, shipped
 * profiles, demo accounts), so that the command line validates its accounts, the service accepts
 * its vendor names and {@code cloudbus demo} runs it against the mock cloud without knowing the
 * adapter: a new vendor is a new module on the class path, nothing else.
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

  /**
   * What this adapter's accounts look like. The default declares nothing ({@link
   * ConfigDescription#undescribed}): unknown fields are then left to {@link #create}.
   */
  default ConfigDescription description() {
    return ConfigDescription.undescribed(name());
  }

  /**
   * The description that applies to one account, for adapters whose fields depend on the account
   * (the generic adapter adds its profile's parameters). Must not fail: an account it cannot
   * describe gets {@link #description()}, and {@link #create} reports the problem.
   */
  default ConfigDescription description(JsonObject accountConfig) {
    return description();
  }

  /**
   * The providers on the class path ({@link ServiceLoader}, the thread's context class loader), by
   * {@link #name()}, sorted; the first one wins on a duplicate name. Unmodifiable.
   */
  static Map<String, AdapterProvider> installed() {
    Map<String, AdapterProvider> providers = new TreeMap<>();
    for (AdapterProvider p : ServiceLoader.load(AdapterProvider.class)) {
      providers.putIfAbsent(p.name(), p);
    }
    return Collections.unmodifiableMap(providers);
  }
}
