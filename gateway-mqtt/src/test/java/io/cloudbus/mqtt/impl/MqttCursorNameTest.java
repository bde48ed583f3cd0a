package io.cloudbus.mqtt.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MqttCursorNameTest {

  @Test
  void cursorNamesAreValidForAnyClientId() {
    assertThat(MqttOutputVerticle.cursorName("cloudbus")).isEqualTo("mqtt:cloudbus");
    assertThat(MqttOutputVerticle.cursorName("gw 1/β")).isEqualTo("mqtt:gw_1__");
  }
}
