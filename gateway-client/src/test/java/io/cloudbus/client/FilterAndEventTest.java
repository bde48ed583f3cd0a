package io.cloudbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterAndEventTest {

  private static final String EVENT =
      "{\"specversion\":\"1.0\",\"id\":\"ss-1\",\"source\":\"/cloudbus/simplisafe/home\","
          + "\"type\":\"io.cloudbus.alarm.triggered\",\"subject\":\"sensor-7\","
          + "\"time\":\"2026-11-21T10:15:30+01:00\",\"datacontenttype\":\"application/json\","
          + "\"vendor\":\"simplisafe\",\"account\":\"home\",\"vendortype\":1110,"
          + "\"data\":{\"zone\":\"hall\",\"raw\":{\"eventCid\":1110}}}";

  @Test
  void filtersAreImmutableAndSerializeOnlySetFields() {
    Filter f = Filter.all().vendor("simplisafe").type("io.cloudbus.alarm");
    assertThat(Filter.all().toJson()).isEqualTo("{}");
    assertThat(f.toJson()).isEqualTo("{\"vendor\":\"simplisafe\",\"type\":\"io.cloudbus.alarm\"}");
    assertThat(f.vendor(null).toJson()).isEqualTo("{\"type\":\"io.cloudbus.alarm\"}");
    assertThat(f.account(" ")).isEqualTo(f);
    assertThat(Filter.fromMap(Map.of("vendor", "simplisafe", "type", "io.cloudbus.alarm", "x", 1)))
        .isEqualTo(f);
    assertThatThrownBy(() -> Filter.fromMap(Map.of("vendor", 3)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void filtersMatchLikeTheService() {
    Event e = Event.parse(EVENT, "events");
    assertThat(Filter.all().matches(e)).isTrue();
    assertThat(Filter.all().vendor("simplisafe").account("home").matches(e)).isTrue();
    assertThat(Filter.all().type("io.cloudbus.alarm").matches(e)).isTrue();
    assertThat(Filter.all().type("io.cloudbus.alarm.triggered").matches(e)).isTrue();
    assertThat(Filter.all().type("io.cloudbus.door").matches(e)).isFalse();
    assertThat(Filter.all().type("alarm.").matches(e)).isTrue();
    assertThat(Filter.all().type("security").matches(e)).isFalse();
    assertThat(Filter.all().vendor("bticino").matches(e)).isFalse();
    assertThat(Filter.all().account("other").matches(e)).isFalse();
  }

  @Test
  void eventsParseEveryCloudEventsField() {
    Event e = Event.parse(EVENT, "simplisafe");
    assertThat(e.resource()).isEqualTo("simplisafe");
    assertThat(e.id()).isEqualTo("ss-1");
    assertThat(e.source()).isEqualTo("/cloudbus/simplisafe/home");
    assertThat(e.type()).isEqualTo("io.cloudbus.alarm.triggered");
    assertThat(e.subject()).isEqualTo("sensor-7");
    assertThat(e.time()).isEqualTo("2026-11-21T10:15:30+01:00");
    assertThat(e.instant()).isEqualTo(Instant.parse("2026-11-21T09:15:30Z"));
    assertThat(e.vendor()).isEqualTo("simplisafe");
    assertThat(e.account()).isEqualTo("home");
    assertThat(e.vendortype()).isEqualTo("1110");
    assertThat(e.data("zone")).isEqualTo("hall");
    assertThat(e.data("raw")).isEqualTo(Map.of("eventCid", 1110L));
    assertThat(e.json()).isEqualTo(EVENT);
  }

  @Test
  void optionalFieldsMayBeAbsentButIdAndTypeAreRequired() {
    Event e =
        Event.parse("{\"id\":\"1\",\"type\":\"io.cloudbus.unmapped\",\"time\":\"soon\"}", null);
    assertThat(e.subject()).isNull();
    assertThat(e.data()).isNull();
    assertThat(e.data("x")).isNull();
    assertThat(e.instant()).isNull();
    assertThatThrownBy(() -> Event.parse("{\"type\":\"io.cloudbus.x\"}", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Event.parse("{\"id\":\"1\"}", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Event.parse("[]", null)).isInstanceOf(IllegalArgumentException.class);
  }
}
