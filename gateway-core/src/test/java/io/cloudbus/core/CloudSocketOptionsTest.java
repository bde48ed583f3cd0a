package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CloudSocketOptionsTest {

  @Test
  void theCoolDownAndTheAuthScheduleRoundTripThroughJsonWithTheirDefaults() {
    // GIVEN options with every default
    CloudSocketOptions defaults = CloudSocketOptions.builder("v", "a").build();

    // THEN the new fields carry their defaults and survive the JSON form
    assertThat(defaults.trafficCooldownMs()).isEqualTo(60_000);
    assertThat(defaults.authFailedInitialDelayMs()).isEqualTo(30_000);
    assertThat(defaults.authFailedRetryMs()).isEqualTo(300_000);
    CloudSocketOptions changed =
        defaults.toBuilder()
            .trafficCooldownMs(5_000)
            .authFailedInitialDelayMs(1_000)
            .authFailedRetryMs(60_000)
            .build();
    JsonObject json = changed.toJson();
    assertThat(json.getLong("trafficCooldownMs")).isEqualTo(5_000);
    assertThat(json.getLong("authFailedInitialDelayMs")).isEqualTo(1_000);
    assertThat(CloudSocketOptions.fromJson(json)).isEqualTo(changed);
    assertThat(CloudSocketOptions.fromJson(new JsonObject().put("vendor", "v").put("account", "a")))
        .isEqualTo(defaults);
  }

  @Test
  void everyNumericFieldHasARangeAndAValueOutsideItNamesFieldAndRange() {
    assertThat(CloudSocketOptions.RANGES.keySet())
        .containsExactlyInAnyOrderElementsOf(
            CloudSocketOptions.builder("v", "a").build().toJson().fieldNames().stream()
                .filter(f -> !f.equals("vendor") && !f.equals("account"))
                .toList());
    assertThatThrownBy(() -> CloudSocketOptions.builder("v", "a").maxFrameBytes(1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxFrameBytes must be between 256 and 67108864, was 1");
    assertThatThrownBy(() -> CloudSocketOptions.builder("v", "a").trafficCooldownMs(0).build())
        .hasMessage("trafficCooldownMs must be between 1 and 86400000, was 0");
    assertThatThrownBy(() -> CloudSocketOptions.builder("v", "a").trafficWindowMs(10).build())
        .hasMessageStartingWith("trafficWindowMs must be between 100 and");
  }
}
