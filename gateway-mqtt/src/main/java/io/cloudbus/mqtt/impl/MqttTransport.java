package io.cloudbus.mqtt.impl;

import io.cloudbus.mqtt.MqttOutputOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * One MQTT connection as the output uses it, whatever the protocol version: connect with the
 * gateway's last will, publish at QoS 1 (acknowledged through {@link #ackHandler}), subscribe to
 * the command topics, disconnect. {@code mqtt.protocolVersion} 4 (MQTT 3.1.1) is the Vert.x MQTT
 * client ({@link VertxMqttTransport}), 5 is Eclipse Paho's MQTT 5 client ({@link
 * PahoMqtt5Transport}). Reconnecting, holding and ordering are the output's, shared by both.
 *
 * <p>Handlers and futures run on the context that created the transport. One transport is one
 * connection attempt: after {@link #closeHandler} fired or {@link #connect} failed, make a new one.
 */
interface MqttTransport {

  /** The will: the gateway's status topic, {@code offline}, QoS 1, retained. */
  record Will(String topic, Buffer payload) {}

  /** A transport for {@code options.protocolVersion()}; nothing is connected yet. */
  static MqttTransport create(Vertx vertx, MqttOutputOptions options, Will will) {
    return options.protocolVersion() == MqttOutputOptions.MQTT_5
        ? new PahoMqtt5Transport(vertx, options, will)
        : new VertxMqttTransport(vertx, options, will);
  }

  /** Completes once the broker accepted the connection (CONNACK success). */
  Future<Void> connect();

  /**
   * Sends a QoS 1 PUBLISH. Completes with the message's id as soon as it is handed to the
   * connection (or fails when it cannot be); {@link #ackHandler} gets that id on PUBACK.
   */
  Future<Integer> publish(String topic, Buffer payload, boolean retain);

  /** Subscribes to {@code filter} at QoS 1. */
  Future<Void> subscribe(String filter);

  /** A clean DISCONNECT (the will is not published). */
  Future<Void> disconnect();

  /** Receives the id of each acknowledged message. */
  void ackHandler(IntConsumer handler);

  /** Receives each message of a subscription: topic and payload. */
  void messageHandler(BiConsumer<String, byte[]> handler);

  /** Called once when an established connection is lost or closed. */
  void closeHandler(Runnable handler);
}
