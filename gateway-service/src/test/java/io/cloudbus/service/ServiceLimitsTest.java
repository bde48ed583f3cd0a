package io.cloudbus.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceLimitsTest {

  @Test
  void defaultsAreTheNamedConstantsAndInRange() {
    ServiceLimits d = ServiceLimits.defaults();
    assertThat(d.authTimeoutMs()).isEqualTo(ServiceLimits.DEFAULT_AUTH_TIMEOUT_MS);
    assertThat(d.maxConnections()).isEqualTo(ServiceLimits.DEFAULT_MAX_CONNECTIONS);
    assertThat(ServiceLimits.fromJson(new JsonObject())).isEqualTo(d);
    assertThat(ServiceLimits.RANGES.keySet()).isEqualTo(d.toJson().fieldNames());
  }

  @Test
  void roundTripsThroughServiceOptionsJson() {
    ServiceLimits limits =
        ServiceLimits.fromJson(new JsonObject().put("maxConnections", 5).put("authTimeoutMs", 900));
    ServiceOptions o =
        ServiceOptions.builder()
            .limits(limits)
            .allowedOrigins(List.of("https://ha.example:8123"))
            .insecureNoAuth(true)
            .build();
    ServiceOptions back = ServiceOptions.fromJson(o.toJson());
    assertThat(back).isEqualTo(o);
    assertThat(back.limits().maxConnections()).isEqualTo(5);
    assertThat(back.limits().authTimeoutMs()).isEqualTo(900);
    assertThat(back.allowedOrigins()).containsExactly("https://ha.example:8123");
    assertThat(back.insecureNoAuth()).isTrue();
  }

  @Test
  void outOfRangeAndWrongTypesNameTheField() {
    assertThatThrownBy(() -> ServiceLimits.fromJson(new JsonObject().put("maxConnections", 0)))
        .hasMessage("maxConnections must be 1..1000000: 0");
    assertThatThrownBy(() -> ServiceLimits.fromJson(new JsonObject().put("idleTimeoutMs", "x")))
        .hasMessage("idleTimeoutMs must be a whole number");
    assertThatThrownBy(
            () ->
                ServiceOptions.fromJson(
                    new JsonObject().put("allowedOrigins", new JsonArray().add("evil.example"))))
        .hasMessageContaining("allowedOrigins");
  }

  @Test
  void theDefaultHostIsLoopback() {
    assertThat(ServiceOptions.defaults().host()).isEqualTo("127.0.0.1");
    assertThat(ServiceOptions.defaults().insecureNoAuth()).isFalse();
  }
}
