package io.cloudbus.service.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class WsFilterTest {

  private static final JsonObject EVENT =
      new JsonObject()
          .put("vendor", "bticino")
          .put("account", "flat")
          .put("type", "io.cloudbus.doorbell.ring");

  @Test
  void matchesOnEveryGivenField() {
    assertThat(WsFilter.parse(null).matchesEvent(EVENT)).isTrue();
    assertThat(WsFilter.parse(new JsonObject().put("vendor", "bticino")).matchesEvent(EVENT))
        .isTrue();
    assertThat(WsFilter.parse(new JsonObject().put("vendor", "simplisafe")).matchesEvent(EVENT))
        .isFalse();
    assertThat(WsFilter.parse(new JsonObject().put("account", "flat")).matchesEvent(EVENT))
        .isTrue();
    assertThat(
            WsFilter.parse(new JsonObject().put("type", "io.cloudbus.doorbell"))
                .matchesEvent(EVENT))
        .isTrue();
    assertThat(WsFilter.parse(new JsonObject().put("type", "doorbell.")).matchesEvent(EVENT))
        .isTrue();
    assertThat(WsFilter.parse(new JsonObject().put("type", "io.cloudbus.call")).matchesEvent(EVENT))
        .isFalse();
  }

  @Test
  void refusesUnknownFieldsAndWrongTypes() {
    assertThatThrownBy(() -> WsFilter.parse(new JsonObject().put("colour", "red")))
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> WsFilter.parse(new JsonObject().put("vendor", 3)))
        .hasMessageContaining("filter.vendor");
    assertThatThrownBy(() -> WsFilter.parse("all")).hasMessageContaining("object");
  }
}
