package io.cloudbus.cli;

import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.mqtt.MqttOutput;
import io.cloudbus.mqtt.MqttOutputOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;

/** Starts and stops the MQTT output for {@code run} and {@code demo} (blocking, bounded). */
final class Mqtt {

  private Mqtt() {}

  /** Deploys the output; it connects (and reconnects) in the background. */
  static MqttOutput start(Vertx vertx, MqttOutputOptions options) throws InterruptedException {
    return Blocking.await(
        MqttOutput.start(vertx, options), Blocking.START_TIMEOUT_S, "cannot start the MQTT output");
  }

  /**
   * Deploys the output fed by the journal that {@code journal} completes with (the service's, once
   * it started), from its delivery cursor; see {@link MqttOutput#start(Vertx, MqttOutputOptions,
   * Future, Instant)}.
   */
  static MqttOutput start(
      Vertx vertx, MqttOutputOptions options, Future<EventJournal> journal, Instant liveFrom)
      throws InterruptedException {
    return Blocking.await(
        MqttOutput.start(vertx, options, journal, liveFrom),
        Blocking.START_TIMEOUT_S,
        "cannot start the MQTT output");
  }

  /** Publishes {@code offline} and disconnects; null does nothing. */
  static void close(MqttOutput output) throws InterruptedException {
    if (output != null) {
      Blocking.await(output.close(), Blocking.CLOSE_TIMEOUT_S, "closing the MQTT output");
    }
  }
}
