package io.cloudbus.client.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.client.Filter;
import io.cloudbus.client.ServerError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramesTest {

  @Test
  void encodesTheClientFramesOfTheContract() {
    assertThat(Frames.subscribe(Filter.all()))
        .isEqualTo("{\"action\":\"subscribe\",\"filter\":{}}");
    assertThat(
            Frames.subscribe(Filter.all().vendor("bticino").account("a\"1").type("io.cloudbus.")))
        .isEqualTo(
            "{\"action\":\"subscribe\",\"filter\":{\"vendor\":\"bticino\",\"account\":\"a\\\"1\","
                + "\"type\":\"io.cloudbus.\"}}");
    assertThat(Frames.unsubscribe()).isEqualTo("{\"action\":\"unsubscribe\"}");
    assertThat(Frames.ping()).isEqualTo("{\"action\":\"ping\"}");
  }

  @Test
  void decodesEveryServerFrame() {
    assertThat(Frames.decode("{\"type\":\"welcome\"}")).isInstanceOf(Frames.Welcome.class);
    assertThat(Frames.decode("{\"type\":\"pong\"}")).isInstanceOf(Frames.Pong.class);
    assertThat(Frames.decode("{\"type\":\"subscribed\",\"filter\":{\"vendor\":\"x\"}}"))
        .isEqualTo(new Frames.Subscribed(Filter.all().vendor("x"), null));
    assertThat(Frames.decode("{\"type\":\"subscribed\"}"))
        .isEqualTo(new Frames.Subscribed(Filter.all(), null));
    assertThat(Frames.decode("{\"type\":\"subscribed\",\"position\":\"41\"}"))
        .isEqualTo(new Frames.Subscribed(Filter.all(), "41"));
    assertThat(Frames.decode("{\"type\":\"replayed\",\"count\":3}"))
        .isEqualTo(new Frames.Replayed(3));
    assertThat(
            ((Frames.EventFrame)
                    Frames.decode(
                        "{\"type\":\"event\",\"position\":\"7\",\"data\":{\"id\":\"a\",\"type\":\"t\"}}"))
                .event()
                .position())
        .isEqualTo("7");
    assertThat(Frames.subscribe(Filter.all(), "7"))
        .isEqualTo("{\"action\":\"subscribe\",\"filter\":{},\"since\":\"7\"}");
    assertThat(
            Frames.decode(
                "{\"type\":\"error\",\"error\":{\"code\":\"bad_frame\",\"message\":\"m\"}}"))
        .isEqualTo(new Frames.ErrorFrame(new ServerError("bad_frame", "m")));
    assertThat(Frames.decode("{\"type\":\"error\",\"error\":{}}"))
        .isEqualTo(new Frames.ErrorFrame(new ServerError("unknown", "")));
    assertThat(Frames.decode("{\"type\":\"future\",\"x\":1}"))
        .isEqualTo(new Frames.Unknown("future"));
  }

  @Test
  void decodesEventFramesKeepingTheEventText() {
    String data =
        "{\"specversion\":\"1.0\",\"id\":\"7\",\"type\":\"io.cloudbus.call.missed\","
            + "\"vendortype\":\"BNC1-missed_call\",\"data\":{\"n\":1.50}}";
    Frames.Incoming in =
        Frames.decode("{\"type\":\"event\",\"resource\":\"bticino\",\"data\":" + data + "}");
    assertThat(in).isInstanceOf(Frames.EventFrame.class);
    Frames.EventFrame ef = (Frames.EventFrame) in;
    assertThat(ef.event().json()).isEqualTo(data);
    assertThat(ef.event().resource()).isEqualTo("bticino");
    assertThat(ef.event().vendortype()).isEqualTo("BNC1-missed_call");
  }

  @Test
  void decodesStatusFrames() {
    Frames.Incoming in =
        Frames.decode(
            "{\"type\":\"status\",\"data\":{\"vendor\":\"simplisafe\",\"account\":\"a\","
                + "\"state\":\"auth_failed\",\"since\":\"2026-01-01T00:00:00Z\","
                + "\"reason\":\"refresh token revoked\"}}");
    Frames.StatusFrame sf = (Frames.StatusFrame) in;
    assertThat(sf.status().state()).isEqualTo("auth_failed");
    assertThat(sf.status().reason()).isEqualTo("refresh token revoked");
    assertThat(sf.status().attempt()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[1]",
        "{}",
        "{\"type\":1}",
        "{\"type\":\"event\"}",
        "{\"type\":\"event\",\"data\":\"x\"}",
        "{\"type\":\"event\",\"data\":{\"type\":\"io.cloudbus.x\"}}",
        "{\"type\":\"status\",\"data\":[]}",
        "{\"type\":\"error\",\"error\":\"x\"}",
        "{\"type\":\"subscribed\",\"filter\":3}",
        "{\"type\":\"subscribed\",\"filter\":{\"vendor\":3}}"
      })
  void refusesMalformedFramesWithIllegalArgument(String bad) {
    assertThatThrownBy(() -> Frames.decode(bad)).isInstanceOf(IllegalArgumentException.class);
  }
}
