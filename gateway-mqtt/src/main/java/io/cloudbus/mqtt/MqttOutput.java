package io.cloudbus.mqtt;

import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.mqtt.impl.MqttOutputVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Publishes the gateway to an MQTT broker (docs/mqtt.md): every event of this node's bus to {@code
 * <prefix>/<vendor>/<account>/events/<type>} (CloudEvents JSON, QoS 1), each account's availability
 * retained at {@code <prefix>/<vendor>/<account>/status}, device state retained at {@code
 * .../devices/<id>/state}, the gateway's own {@code <prefix>/status} ({@code online}, and {@code
 * offline} as its last will), and with {@code homeAssistantDiscovery} the Home Assistant discovery
 * configs plus the command topics they declare, routed to {@code cloudbus.command.<v>.<a>}.
 *
 * <p>The connection is kept up with exponential backoff and full jitter; while the broker is
 * unreachable events are held (at most {@code maxPending}, the oldest dropped beyond, counted) and
 * sent in order once it is back. Delivery is at least once: a message the broker had not
 * acknowledged when the connection dropped is sent again.
 *
 * <p>Threading: runs as a verticle on its own context; methods may be called from any thread.
 */
public interface MqttOutput {

  /**
   * Deploys the output. It completes once deployed, not once connected: a broker that is down at
   * start is retried like a broker that goes away later.
   */
  static Future<MqttOutput> start(Vertx vertx, MqttOutputOptions options) {
    return MqttOutputVerticle.deploy(vertx, options, null, null);
  }

  /**
   * Deploys the output fed by the event journal: once {@code journal} completes (it may complete
   * later, e.g. when the service that opens the journal has started), events are read from it from
   * the output's delivery cursor {@code mqtt:<clientId>} ({@link EventJournal#cursors()}), in
   * journal order, and the cursor moves past each event once the broker acknowledged it (PUBACK).
   * Events journaled while the broker or the gateway was down are so published afterwards, and
   * nothing is dropped for {@code maxPending}: at most a quarter of it is read ahead. An output
   * with no stored cursor (new) starts with the events journaled from {@code liveFrom} on. Account
   * status is taken from the bus from the start, as without a journal.
   */
  static Future<MqttOutput> start(
      Vertx vertx, MqttOutputOptions options, Future<EventJournal> journal, Instant liveFrom) {
    return MqttOutputVerticle.deploy(vertx, options, journal, liveFrom);
  }

  /**
   * Counters: {@code connected} (boolean), {@code held} (pending plus unacknowledged), {@code
   * published} (acknowledged by the broker), {@code dropped} (held beyond {@code maxPending}),
   * {@code reconnects}, {@code commandsAccepted}, {@code commandsRefused}, {@code protocolVersion};
   * {@code lastError} while the last connection attempt failed; fed by a journal, {@code cursor}
   * (the delivery cursor's position) and {@code backlog} (journal positions after it).
   */
  JsonObject stats();

  /** Publishes {@code offline}, disconnects and undeploys. Never fails. */
  Future<Void> close();
}
