package io.cloudbus.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RedactedTest {

  @Test
  void secretsAreMaskedWhenPresentAndTheJsonIsNotChanged() {
    JsonObject json = new JsonObject().put("url", "x").put("password", "hunter2").putNull("code");
    assertThat(Redacted.of("Opts", json, "password", "code", "absent"))
        .isEqualTo("Opts{\"url\":\"x\",\"password\":\"***\",\"code\":null}");
    assertThat(json.getString("password")).isEqualTo("hunter2");
  }

  @Test
  void urlsKeepSchemeHostAndPortOnly() {
    assertThat(Redacted.url("https://hooks.example/T0k3n")).isEqualTo("https://hooks.example/…");
    assertThat(Redacted.url("https://u:pw@hooks.example:8443"))
        .isEqualTo("https://hooks.example:8443/…");
    assertThat(Redacted.url("http://h.example/?k=v")).isEqualTo("http://h.example/…");
    assertThat(Redacted.url("mqtts://broker.example:8883"))
        .isEqualTo("mqtts://broker.example:8883");
    assertThat(Redacted.url("http://h.example/")).isEqualTo("http://h.example");
    assertThat(Redacted.url("not a url")).isEqualTo("***");
    assertThat(Redacted.url(null)).isNull();
  }
}
