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
  void matchingOnFieldsReadOnceAgreesWithMatchingTheEvent() {
    JsonObject[] filters = {
      null,
      new JsonObject().put("vendor", "bticino"),
      new JsonObject().put("vendor", "simplisafe"),
      new JsonObject().put("account", "flat"),
      new JsonObject().put("account", "house"),
      new JsonObject().put("type", "doorbell."),
      new JsonObject().put("type", "io.cloudbus.call"),
      new JsonObject().put("vendor", "bticino").put("account", "flat").put("type", "doorbell")
    };
    JsonObject noType = EVENT.copy().put("type", 5);
    for (JsonObject json : filters) {
      WsFilter f = WsFilter.parse(json);
      for (JsonObject event : new JsonObject[] {EVENT, noType}) {
        assertThat(
                f.matchesEvent(
                    event.getValue("vendor"), event.getValue("account"), event.getValue("type")))
            .as(json + " on " + event)
            .isEqualTo(f.matchesEvent(event));
      }
    }
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
