package io.cloudbus.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.AdapterProvider;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An account's {@code socket.tls} in a gateway config: passed on when valid, errors named. */
class ConfigSocketTlsTest {

  @TempDir Path dir;

  private final List<JsonObject> checked = new ArrayList<>();
  private final ConfigLoader loader =
      new ConfigLoader(name -> null, AdapterProvider.installed(), checked::add);

  private static String config(String tls) {
    return "{\"accounts\":[{\"adapter\":\"generic\",\"profile\":\"pylight\",\"account\":\"a\","
        + "\"url\":\"https://h\",\"table\":\"t\",\"socket\":{\"tls\":"
        + tls
        + "}}]}";
  }

  @Test
  void aPinIsAcceptedAndHandedToTheAdapter() throws Exception {
    String pin = "AB:" + "CD:".repeat(30) + "EF";
    loader.parse(config("{\"pinSha256\":\"" + pin + "\"}"), true, dir);
    assertThat(checked).hasSize(1);
    assertThat(checked.get(0).getJsonObject("socket").getJsonObject("tls").getString("pinSha256"))
        .isEqualTo(pin);
  }

  @Test
  void badTrustIsAnErrorNamingTheFieldWithoutItsValue() {
    List<String> errors = new ArrayList<>();
    for (String tls :
        List.of("{\"pinSha256\":\"nope\"}", "{\"caFile\":\"/no/such/ca.pem\"}", "{}")) {
      try {
        loader.parse(config(tls), true, dir);
      } catch (ConfigException e) {
        errors.addAll(e.errors());
      }
    }
    assertThat(errors)
        .contains(
            "accounts[0].socket.tls.pinSha256: must be 64 hex digits (colons allowed)",
            "accounts[0].socket.tls.caFile: cannot be read as a PEM certificate file",
            "accounts[0].socket.tls: expected {caFile?, pinSha256?} with at least one of them");
    assertThat(String.join("\n", errors)).doesNotContain("/no/such").doesNotContain("nope");
  }
}
