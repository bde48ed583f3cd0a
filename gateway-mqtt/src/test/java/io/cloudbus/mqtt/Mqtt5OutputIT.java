package io.cloudbus.mqtt;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Every {@link MqttOutputIT} test with {@code protocolVersion: 5} (Eclipse Paho's MQTT 5 client)
 * and {@code mosquitto_sub -V mqttv5} as the subscriber: events, retained status and discovery,
 * commands from declared topics, bounded holding, a broker restart that loses nothing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class Mqtt5OutputIT extends MqttOutputIT {

  @Override
  int protocolVersion() {
    return MqttOutputOptions.MQTT_5;
  }
}
