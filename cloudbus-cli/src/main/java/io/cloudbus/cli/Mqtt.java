package io.cloudbus.cli;

import io.cloudbus.mqtt.MqttOutput;
import io.cloudbus.mqtt.MqttOutputOptions;
import io.vertx.core.Vertx;

/** Starts and stops the MQTT output for {@code run} and {@code demo} (blocking, bounded). */
final class Mqtt {

  private Mqtt() {}

  /** Deploys the output; it connects (and reconnects) in the background. */
  static MqttOutput start(Vertx vertx, MqttOutputOptions options) throws InterruptedException {
    return Blocking.await(
        MqttOutput.start(vertx, options), Blocking.START_TIMEOUT_S, "cannot start the MQTT output");
  }

  /** Publishes {@code offline} and disconnects; null does nothing. */
  static void close(MqttOutput output) throws InterruptedException {
    if (output != null) {
      Blocking.await(output.close(), Blocking.CLOSE_TIMEOUT_S, "closing the MQTT output");
    }
  }
}
