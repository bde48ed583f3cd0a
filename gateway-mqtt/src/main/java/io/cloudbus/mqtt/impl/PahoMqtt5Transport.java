package io.cloudbus.mqtt.impl;

import io.cloudbus.mqtt.MqttOutputOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT 5 through Eclipse Paho's asynchronous MQTT 5 client: clean start, no session kept, the will,
 * QoS 1, no automatic reconnect (the output reconnects), messages held in memory only. Paho calls
 * back on its own threads; every callback is moved to the output's context.
 */
final class PahoMqtt5Transport implements MqttTransport {

  private static final Logger LOG = LoggerFactory.getLogger(PahoMqtt5Transport.class);

  /** PUBACK reason codes from 0x80 on are failures (MQTT 5, 3.4.2.1). */
  private static final int FIRST_ERROR_REASON = 0x80;

  private final Vertx vertx;
  private final Context context;
  private final MqttOutputOptions options;
  private final Will will;
  private MqttAsyncClient client;
  private IntConsumer ackHandler = id -> {};
  private BiConsumer<String, byte[]> messageHandler = (t, p) -> {};
  private Runnable closeHandler = () -> {};
  private boolean closed;
  private int nextId;

  PahoMqtt5Transport(Vertx vertx, MqttOutputOptions options, Will will) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.options = options;
    this.will = will;
  }

  @Override
  public Future<Void> connect() {
    Promise<Void> done = Promise.promise();
    try {
      String uri = (options.tls() ? "ssl://" : "tcp://") + options.host() + ":" + options.port();
      client = new MqttAsyncClient(uri, options.clientId(), new MemoryPersistence());
      client.setCallback(new Callback());
      client.connect(
          connectionOptions(), null, listener(t -> done.tryComplete(), err -> done.tryFail(err)));
    } catch (Exception e) {
      done.tryFail(e);
    }
    return done.future().onFailure(err -> release());
  }

  private MqttConnectionOptions connectionOptions() throws Exception {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setSessionExpiryInterval(0L);
    o.setKeepAliveInterval(options.keepAliveSeconds());
    o.setAutomaticReconnect(false);
    o.setMaximumPacketSize(64L * 1024);
    o.setWill(will.topic(), new MqttMessage(will.payload().getBytes(), 1, true, null));
    if (options.username() != null) {
      o.setUserName(options.username());
      if (options.password() != null) {
        o.setPassword(options.password().getBytes(StandardCharsets.UTF_8));
      }
    }
    if (options.tls()) {
      o.setHttpsHostnameVerificationEnabled(true);
      if (options.trust() != null) {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(
            null,
            options
                .trust()
                .sslOptions()
                .getTrustOptions()
                .getTrustManagerFactory(vertx)
                .getTrustManagers(),
            null);
        o.setSocketFactory(ssl.getSocketFactory());
        // a pin alone binds the key, not the name (as TlsTrust)
        o.setHttpsHostnameVerificationEnabled(options.trust().caFile() != null);
      }
    }
    return o;
  }

  @Override
  public Future<Integer> publish(String topic, Buffer payload, boolean retain) {
    int id = nextId = nextId == Integer.MAX_VALUE ? 1 : nextId + 1;
    try {
      client.publish(
          topic,
          new MqttMessage(payload.getBytes(), 1, retain, null),
          null,
          listener(
              token -> {
                int[] reasons = token.getReasonCodes();
                if (reasons != null && reasons.length > 0 && reasons[0] >= FIRST_ERROR_REASON) {
                  // acknowledged with an error (e.g. not authorized): sending again would not help
                  LOG.warn(
                      "mqtt: the broker refused a message on {} (reason {})", topic, reasons[0]);
                }
                ackHandler.accept(id);
              },
              // a message lost with the connection is sent again by the output after the reconnect
              err -> LOG.debug("mqtt: publish on {} not acknowledged: {}", topic, err.toString())));
      return Future.succeededFuture(id);
    } catch (MqttException | RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> subscribe(String filter) {
    Promise<Void> done = Promise.promise();
    try {
      client.subscribe(filter, 1, null, listener(t -> done.tryComplete(), done::tryFail));
    } catch (MqttException | RuntimeException e) {
      done.tryFail(e);
    }
    return done.future();
  }

  @Override
  public Future<Void> disconnect() {
    Promise<Void> done = Promise.promise();
    closed = true;
    try {
      client.disconnect(
          0, null, listener(t -> done.tryComplete(), done::tryFail), 0, new MqttProperties());
    } catch (MqttException | RuntimeException e) {
      done.tryFail(e);
    }
    return done.future().eventually(this::release);
  }

  /** Ends paho's threads for this client (blocking, briefly: off the event loop). */
  private Future<Void> release() {
    MqttAsyncClient c = client;
    if (c == null) {
      return Future.succeededFuture();
    }
    return vertx
        .<Void>executeBlocking(
            () -> {
              try {
                if (c.isConnected()) {
                  c.disconnectForcibly(0, 1_000, false);
                }
              } finally {
                c.close(true);
              }
              return null;
            })
        .recover(err -> Future.succeededFuture());
  }

  @Override
  public void ackHandler(IntConsumer handler) {
    this.ackHandler = handler;
  }

  @Override
  public void messageHandler(BiConsumer<String, byte[]> handler) {
    this.messageHandler = handler;
  }

  @Override
  public void closeHandler(Runnable handler) {
    this.closeHandler = handler;
  }

  private MqttActionListener listener(
      java.util.function.Consumer<IMqttToken> success,
      java.util.function.Consumer<Throwable> failure) {
    return new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        context.runOnContext(v -> success.accept(token));
      }

      @Override
      public void onFailure(IMqttToken token, Throwable err) {
        context.runOnContext(v -> failure.accept(err));
      }
    };
  }

  private void lost() {
    if (!closed) {
      closed = true;
      release();
      closeHandler.run();
    }
  }

  private final class Callback implements MqttCallback {

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      context.runOnContext(v -> lost());
    }

    @Override
    public void mqttErrorOccurred(MqttException err) {
      LOG.debug("mqtt: {}", err.toString());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      byte[] payload = message.getPayload();
      context.runOnContext(v -> messageHandler.accept(topic, payload));
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // acknowledgements come through each publish's listener
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // the connect listener completes the connect future
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // no enhanced authentication
    }
  }
}
