package io.cloudbus.cli;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.config.DemoAccount;
import io.cloudbus.mock.MockCloud;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The demo's accounts: every {@link DemoAccount} the installed adapters describe whose emulation
 * the mock cloud runs, pointed at the mock with its seeded demo credentials. No adapter is known by
 * name here. Short reconnect delays, so that the demo recovers quickly when the mock's admin API
 * drops sockets.
 */
final class DemoAccounts {

  /** The account name of every demo account. */
  static final String ACCOUNT = "demo";

  private DemoAccounts() {}

  /**
   * @param providers the installed adapters (e.g. {@link AdapterProvider#installed()})
   * @throws IllegalStateException when the mock lacks a value a demo account copies
   */
  static List<JsonObject> of(MockCloud mock, Collection<AdapterProvider> providers) {
    JsonObject socket =
        new JsonObject().put("reconnectInitialDelayMs", 500).put("reconnectMaxDelayMs", 5_000);
    if (mock.tls() != null) {
      // a mock serving TLS (demo --mock-tls): trust its self-signed certificate
      socket.put(
          "tls", new JsonObject().put("caFile", mock.tls().caFile().toAbsolutePath().toString()));
    }
    List<JsonObject> accounts = new ArrayList<>();
    for (AdapterProvider provider : providers) {
      for (DemoAccount demo : provider.description().demoAccounts()) {
        if (!mock.vendors().contains(demo.mockVendor())) {
          continue;
        }
        accounts.add(
            demo.toAccount(mock.endpoints(demo.mockVendor()))
                .put("adapter", provider.name())
                .put("account", ACCOUNT)
                .put("socket", socket.copy()));
      }
    }
    return accounts;
  }
}
