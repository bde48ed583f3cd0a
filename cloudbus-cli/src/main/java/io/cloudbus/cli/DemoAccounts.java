package io.cloudbus.cli;

import io.cloudbus.mock.MockCloud;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's accounts: one per vendor and generic profile, pointed at the embedded mock cloud with
 * its seeded demo credentials. Short reconnect delays, so that the demo recovers quickly when the
 * mock's admin API drops sockets.
 */
final class DemoAccounts {

  /** The account name of every demo account (pylight's is its table). */
  static final String ACCOUNT = "demo";

  static final String PYLIGHT_TABLE = "products";

  private DemoAccounts() {}

  static List<JsonObject> of(MockCloud mock) {
    JsonObject socket =
        new JsonObject().put("reconnectInitialDelayMs", 500).put("reconnectMaxDelayMs", 5_000);
    if (mock.tls() != null) {
      // a mock serving TLS (demo --mock-tls): trust its self-signed certificate
      socket.put(
          "tls", new JsonObject().put("caFile", mock.tls().caFile().toAbsolutePath().toString()));
    }
    List<JsonObject> accounts = new ArrayList<>();
    if (mock.vendors().contains("simplisafe")) {
      JsonObject ss = mock.endpoints("simplisafe");
      accounts.add(
          new JsonObject()
              .put("adapter", "simplisafe")
              .put("account", ACCOUNT)
              .put("refreshToken", ss.getString("demoRefreshToken"))
              .put(
                  "endpoints",
                  new JsonObject()
                      .put("authBaseUrl", ss.getString("authBaseUrl"))
                      .put("apiBaseUrl", ss.getString("apiBaseUrl"))
                      .put("socketUrl", ss.getString("socketUrl")))
              .put("socket", socket.copy()));
    }
    if (mock.vendors().contains("bticino")) {
      JsonObject bt = mock.endpoints("bticino");
      JsonObject demo = bt.getJsonObject("demo");
      accounts.add(
          new JsonObject()
              .put("adapter", "bticino")
              .put("account", ACCOUNT)
              .put("username", demo.getString("username"))
              .put("password", demo.getString("password"))
              .put("clientId", demo.getString("clientId"))
              .put("clientSecret", demo.getString("clientSecret"))
              .put(
                  "endpoints",
                  new JsonObject()
                      .put("tokenUrl", bt.getString("tokenUrl"))
                      .put("apiBaseUrl", bt.getString("apiBaseUrl"))
                      .put("socketUrl", bt.getString("socketUrl")))
              .put("socket", socket.copy()));
    }
    if (mock.vendors().contains("home-assistant")) {
      JsonObject ha = mock.endpoints("home-assistant");
      accounts.add(
          new JsonObject()
              .put("adapter", "generic")
              .put("profile", "home-assistant")
              .put("account", ACCOUNT)
              .put("url", ha.getString("url"))
              .put("token", ha.getString("token"))
              .put("socket", socket.copy()));
    }
    if (mock.vendors().contains("pylight")) {
      JsonObject py = mock.endpoints("pylight");
      accounts.add(
          new JsonObject()
              .put("adapter", "generic")
              .put("profile", "pylight")
              .put("account", ACCOUNT)
              .put("url", py.getString("url"))
              .put("table", PYLIGHT_TABLE)
              .put("socket", socket.copy()));
    }
    return accounts;
  }
}
