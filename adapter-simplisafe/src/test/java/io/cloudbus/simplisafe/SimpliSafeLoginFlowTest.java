package io.cloudbus.simplisafe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.TokenStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimpliSafeLoginFlowTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  private static Map<String, String> query(String url) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void authorizeUrlCarriesEveryParameterOfTheApp() {
    SimpliSafeLoginFlow flow =
        new SimpliSafeLoginFlow(
            vertx,
            SimpliSafeEndpoints.defaults(),
            TokenStore.inMemory(),
            "home",
            "0000007e-0000-1000-8000-0026bb765291");

    String url = flow.authorizeUrl();

    assertThat(url).startsWith("https://auth.simplisafe.com/authorize?");
    Map<String, String> q = query(url);
    assertThat(q.keySet())
        .containsExactly(
            "audience",
            "auth0Client",
            "client_id",
            "code_challenge",
            "code_challenge_method",
            "device",
            "device_id",
            "redirect_uri",
            "response_type",
            "scope");
    assertThat(q)
        .containsEntry("audience", "https://api.simplisafe.com/")
        .containsEntry("client_id", "42aBZ5lYrVW12jfOuu3CQROitwxg9sN5")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("device", "iPhone")
        .containsEntry("device_id", "0000007E-0000-1000-8000-0026BB765291")
        .containsEntry("redirect_uri", SimpliSafeProtocol.REDIRECT_URI)
        .containsEntry("response_type", "code")
        .containsEntry("scope", SimpliSafeProtocol.SCOPE)
        .containsEntry("auth0Client", SimpliSafeProtocol.AUTH0_CLIENT);
    assertThat(q.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    assertThat(query(flow.authorizeUrl()).get("code_challenge"))
        .as("every authorize URL has a fresh verifier")
        .isNotEqualTo(q.get("code_challenge"));
  }

  @Test
  void codeIsFoundInABareCodeOrTheRedirectUrl() {
    assertThat(SimpliSafeLoginFlow.extractCode("abc123")).isEqualTo("abc123");
    assertThat(SimpliSafeLoginFlow.extractCode("  'abc123'\n")).isEqualTo("abc123");
    assertThat(
            SimpliSafeLoginFlow.extractCode(
                SimpliSafeProtocol.REDIRECT_URI + "?code=a%2Fb-c_d&state=xyz"))
        .isEqualTo("a/b-c_d");
    assertThat(
            SimpliSafeLoginFlow.extractCode(SimpliSafeProtocol.REDIRECT_URI + "?state=1&code=zz"))
        .isEqualTo("zz");
    assertThat(SimpliSafeLoginFlow.extractCode(SimpliSafeProtocol.REDIRECT_URI + "?state=1"))
        .isNull();
    assertThat(SimpliSafeLoginFlow.extractCode("   ")).isNull();
    assertThat(SimpliSafeLoginFlow.extractCode(null)).isNull();
  }
}
