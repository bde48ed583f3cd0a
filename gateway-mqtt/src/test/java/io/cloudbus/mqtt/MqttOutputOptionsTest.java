package io.cloudbus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MqttOutputOptionsTest {

  @Test
  void defaultsAndPorts() {
    MqttOutputOptions o = MqttOutputOptions.of("mqtt://broker.lan");
    assertThat(o.host()).isEqualTo("broker.lan");
    assertThat(o.port()).isEqualTo(1883);
    assertThat(o.tls()).isFalse();
    assertThat(o.prefix()).isEqualTo(MqttOutputOptions.DEFAULT_PREFIX);
    assertThat(o.homeAssistantDiscovery()).isFalse();
    assertThat(o.maxPending()).isEqualTo(MqttOutputOptions.DEFAULT_MAX_PENDING);
    MqttOutputOptions tls = MqttOutputOptions.of("mqtts://broker.lan");
    assertThat(tls.port()).isEqualTo(8883);
    assertThat(tls.tls()).isTrue();
  }

  @Test
  void roundTripsThroughJsonWithStringsFromTheEnvironment() {
    JsonObject json =
        new JsonObject()
            .put("url", "mqtt://127.0.0.1:18583")
            .put("prefix", "home/gw")
            .put("username", "cloudbus")
            .put("password", "s3cret")
            .put("homeAssistantDiscovery", "true")
            .put("maxPending", "500");
    MqttOutputOptions o = MqttOutputOptions.fromJson(json);
    assertThat(o.homeAssistantDiscovery()).isTrue();
    assertThat(o.maxPending()).isEqualTo(500);
    assertThat(MqttOutputOptions.fromJson(o.toJson())).isEqualTo(o);
    assertThat(o.toString()).doesNotContain("s3cret");
  }

  @Test
  void errorsNameTheFieldAndNeverTheSecret() {
    assertThatThrownBy(() -> MqttOutputOptions.of("http://broker"))
        .hasMessageStartingWith("url: expected mqtt://");
    assertThatThrownBy(() -> MqttOutputOptions.of("mqtt://user:hunter2@broker"))
        .hasMessageStartingWith("url:")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> MqttOutputOptions.fromJson(new JsonObject()))
        .hasMessageStartingWith("url: required");
    assertThatThrownBy(
            () ->
                MqttOutputOptions.fromJson(
                    new JsonObject().put("url", "mqtt://b").put("prefix", "a/#")))
        .hasMessageStartingWith("prefix:");
    assertThatThrownBy(
            () ->
                MqttOutputOptions.fromJson(
                    new JsonObject().put("url", "mqtt://b").put("maxPending", 0)))
        .hasMessageStartingWith("maxPending: must be between 1 and");
    assertThatThrownBy(
            () ->
                MqttOutputOptions.fromJson(
                    new JsonObject().put("url", "mqtt://b").put("passwd", "x")))
        .hasMessage("passwd: unknown field");
    assertThatThrownBy(
            () ->
                MqttOutputOptions.fromJson(
                    new JsonObject().put("url", "mqtt://b").put("password", "hunter2")))
        .hasMessage("password: needs a username");
  }

  @Test
  void topicLevelsFromOutsideCannotAddLevelsOrWildcards() {
    MqttTopics t = new MqttTopics("cloudbus", "homeassistant");
    assertThat(t.event("bticino", "home", "io.cloudbus.a/b+c#d"))
        .isEqualTo("cloudbus/bticino/home/events/io.cloudbus.a_b_c_d");
    assertThat(t.deviceState("simplisafe", "home", "simplisafe:home:system-1"))
        .isEqualTo("cloudbus/simplisafe/home/devices/simplisafe:home:system-1/state");
  }

  @Test
  void tlsTrustAndProtocolVersion() {
    String pin = "ab".repeat(32);
    MqttOutputOptions o =
        MqttOutputOptions.fromJson(
            new JsonObject()
                .put("url", "mqtts://broker.lan")
                .put("protocolVersion", "5")
                .put("tls", new JsonObject().put("pinSha256", pin.toUpperCase())));
    assertThat(o.protocolVersion()).isEqualTo(MqttOutputOptions.MQTT_5);
    assertThat(o.trust().pinSha256()).isEqualTo(pin);
    assertThat(o.trust().caFile()).isNull();
    assertThat(MqttOutputOptions.fromJson(o.toJson())).isEqualTo(o);
    assertThat(MqttOutputOptions.of("mqtt://b").protocolVersion())
        .isEqualTo(MqttOutputOptions.DEFAULT_PROTOCOL_VERSION)
        .isEqualTo(4);
    assertThat(MqttOutputOptions.of("mqtts://b").trust()).isNull();
  }

  @Test
  void tlsAndProtocolVersionErrorsNameTheField() {
    JsonObject tls = new JsonObject().put("caFile", "/nonexistent/ca.pem");
    assertThatThrownBy(
            () ->
                MqttOutputOptions.fromJson(
                    new JsonObject().put("url", "mqtt://b").put("tls", tls.copy())))
        .hasMessage("tls: only for an mqtts:// url");
    assertThatThrownBy(
            () ->
                MqttOutputOptions.fromJson(
                    new JsonObject().put("url", "mqtts://b").put("tls", tls.copy())))
        .hasMessageStartingWith("tls.caFile: cannot read /nonexistent/ca.pem");
    assertThatThrownBy(
            () ->
                MqttOutputOptions.fromJson(
                    new JsonObject()
                        .put("url", "mqtts://b")
                        .put("tls", new JsonObject().put("pin", "x"))))
        .hasMessageStartingWith("tls.pin: unknown field");
    assertThatThrownBy(
            () ->
                MqttOutputOptions.fromJson(
                    new JsonObject().put("url", "mqtts://b").put("tls", "yes")))
        .hasMessage("tls: expected {caFile, pinSha256}");
    assertThatThrownBy(
            () ->
                MqttOutputOptions.fromJson(
                    new JsonObject().put("url", "mqtt://b").put("protocolVersion", 3)))
        .hasMessage("protocolVersion: must be between 4 and 5");
  }
}
