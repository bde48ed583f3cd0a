package io.cloudbus.mqtt.impl;

import io.cloudbus.mqtt.MqttOutputOptions;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** MQTT 3.1.1 through the Vert.x MQTT client (vertx-mqtt speaks 3.1.1 only). */
final class VertxMqttTransport implements MqttTransport {

  private static final Logger LOG = LoggerFactory.getLogger(VertxMqttTransport.class);

  private final MqttOutputOptions options;
  private final MqttClient client;

  VertxMqttTransport(Vertx vertx, MqttOutputOptions options, Will will) {
    this.options = options;
    MqttClientOptions o =
        new MqttClientOptions()
            .setClientId(options.clientId())
            .setCleanSession(true)
            .setKeepAliveInterval(options.keepAliveSeconds())
            .setAutoKeepAlive(true)
            .setMaxInflightQueue(options.maxInFlight() * 2)
            .setMaxMessageSize(64 * 1024)
            .setWillFlag(true)
            .setWillTopic(will.topic())
            .setWillMessageBytes(will.payload())
            .setWillQoS(1)
            .setWillRetain(true);
    if (options.username() != null) {
      o.setUsername(options.username()).setPassword(options.password());
    }
    if (options.tls()) {
      o.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
      if (options.trust() != null) {
        ClientSSLOptions ssl = options.trust().sslOptions();
        o.setTrustOptions(ssl.getTrustOptions())
            .setHostnameVerificationAlgorithm(ssl.getHostnameVerificationAlgorithm());
      }
    }
    this.client = MqttClient.create(vertx, o);
    client.exceptionHandler(err -> LOG.debug("mqtt: {}", err.toString()));
  }

  @Override
  public Future<Void> connect() {
    return client.connect(options.port(), options.host()).mapEmpty();
  }

  @Override
  public Future<Integer> publish(String topic, Buffer payload, boolean retain) {
    return client.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false, retain);
  }

  @Override
  public Future<Void> subscribe(String filter) {
    return client.subscribe(filter, 1).mapEmpty();
  }

  @Override
  public Future<Void> disconnect() {
    return client.disconnect();
  }

  @Override
  public void ackHandler(IntConsumer handler) {
    client.publishCompletionHandler(handler::accept);
  }

  @Override
  public void messageHandler(BiConsumer<String, byte[]> handler) {
    client.publishHandler(m -> handler.accept(m.topicName(), m.payload().getBytes()));
  }

  @Override
  public void closeHandler(Runnable handler) {
    client.closeHandler(v -> handler.run());
  }
}
