package io.cloudbus.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class MockRequestTest {
  private static MockRequest request(String authorization, String body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (authorization != null) {
      headers.add("authorization", authorization);
    }
    return new MockRequest(
        "POST", "/oauth/token", headers, MultiMap.caseInsensitiveMultiMap(), body);
  }

  @Test
  void bearerTokenIsCaseInsensitiveAndStrict() {
    assertThat(request("Bearer abc", "").bearerToken()).isEqualTo("abc");
    assertThat(request("bearer abc ", "").bearerToken()).isEqualTo("abc");
    assertThat(request("Basic abc", "").bearerToken()).isNull();
    assertThat(request("Bearer ", "").bearerToken()).isNull();
    assertThat(request(null, "").bearerToken()).isNull();
  }

  @Test
  void formAndJsonBodies() {
    MultiMap form = request(null, "grant_type=password&username=a%40b.c&password=p+w&flag").form();
    assertThat(form.get("username")).isEqualTo("a@b.c");
    assertThat(form.get("password")).isEqualTo("p w");
    assertThat(form.get("flag")).isEmpty();
    assertThat(request(null, "{\"a\":1}").jsonBody().getInteger("a")).isEqualTo(1);
    assertThatThrownBy(() -> request(null, "[1]").jsonBody())
        .hasMessage("body is not a JSON object");
    assertThatThrownBy(() -> request(null, "{oops").jsonBody())
        .hasMessage("body is not a JSON object");
  }

  @Test
  void toStringHoldsNoSecrets() {
    assertThat(request("Bearer topsecret", "password=hunter2").toString())
        .isEqualTo("POST /oauth/token")
        .doesNotContain("topsecret", "hunter2");
  }
}
