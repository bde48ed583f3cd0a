package io.cloudbus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class WebhookOptionsTest {

  private static JsonObject base() {
    return new JsonObject()
        .put("url", "https://example.org/hook")
        .put("secret", "0123456789abcdef");
  }

  @Test
  void defaultsRoundTripAndRedaction() {
    WebhookOptions o = WebhookOptions.fromJson(base());
    assertThat(o.mode()).isEqualTo(WebhookOptions.DEFAULT_MODE);
    assertThat(o.maxAttempts()).isEqualTo(WebhookOptions.DEFAULT_MAX_ATTEMPTS);
    assertThat(WebhookOptions.fromJson(o.toJson()).toJson()).isEqualTo(o.toJson());
    assertThat(o.toString()).doesNotContain("0123456789abcdef");
  }

  @Test
  void theFilterWorksLikeWs() {
    WebhookOptions o =
        WebhookOptions.fromJson(
            base().put("filter", new JsonObject().put("vendor", "bticino").put("type", "call.")));
    JsonObject ev =
        new JsonObject()
            .put("vendor", "bticino")
            .put("account", "a")
            .put("type", "io.cloudbus.call.missed");
    assertThat(o.matches(ev)).isTrue();
    assertThat(o.matches(ev.copy().put("type", "io.cloudbus.doorbell.ring"))).isFalse();
    assertThat(o.matches(ev.copy().put("vendor", "simplisafe"))).isFalse();
  }

  @Test
  void errorsNameTheFieldNeverTheSecret() {
    assertThatThrownBy(() -> WebhookOptions.fromJson(base().put("url", "ftp://x")))
        .hasMessageStartingWith("url:");
    assertThatThrownBy(() -> WebhookOptions.fromJson(base().put("secret", "short-secret")))
        .hasMessageStartingWith("secret: required, at least 16")
        .hasMessageNotContaining("short-secret");
    assertThatThrownBy(() -> WebhookOptions.fromJson(base().put("mode", "batch")))
        .hasMessage("mode: structured or binary");
    assertThatThrownBy(
            () -> WebhookOptions.fromJson(base().put("filter", new JsonObject().put("kind", "x"))))
        .hasMessage("filter.kind: unknown field");
  }

  @Test
  void theNameDefaultsToTheHostAndAHashNeverThePathAndIsChecked() {
    WebhookOptions a =
        WebhookOptions.fromJson(base().put("url", "https://user:pw@hooks.example:8443/T0k3n?k=v"));
    assertThat(a.name()).matches("hooks\\.example-[0-9a-f]{8}");
    assertThat(WebhookOptions.fromJson(base()).name())
        .startsWith("example.org-")
        .isNotEqualTo(
            WebhookOptions.fromJson(base().put("url", "https://example.org/other")).name());
    assertThat(a.toString())
        .contains("https://hooks.example:8443/…")
        .doesNotContain("T0k3n")
        .doesNotContain("pw@")
        .doesNotContain("k=v");
    assertThat(WebhookOptions.fromJson(base().put("name", "alarms_1.x-y")).name())
        .isEqualTo("alarms_1.x-y");
    assertThatThrownBy(() -> WebhookOptions.fromJson(base().put("name", "has space")))
        .hasMessage("name: 1 to 64 letters, digits, '.', '_' or '-'");
    assertThatThrownBy(() -> WebhookOptions.fromJson(base().put("name", "x".repeat(65))))
        .hasMessageStartingWith("name: ");
  }
}
