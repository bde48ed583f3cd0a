package io.cloudbus.mqtt.impl;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages on their way to the broker: {@code pending} (not sent yet, oldest first) and {@code
 * inFlight} (sent with QoS 1, waiting for the broker's PUBACK, by packet id). Bounded: beyond
 * {@code maxPending} the oldest pending message is dropped and counted, so a broker that stays down
 * costs bounded memory. When the connection drops, the in-flight messages go back to the front of
 * {@code pending} in their order, to be sent again after the reconnect (at least once).
 *
 * <p>Not thread-safe: used on the output's context only.
 */
final class OutboundQueue {

  /** One message. */
  record Message(String topic, Buffer payload, boolean retain) {}

  private final int maxPending;
  private final int maxInFlight;
  private final Deque<Message> pending = new ArrayDeque<>();
  private final Map<Integer, Message> inFlight = new LinkedHashMap<>();
  private long dropped;
  private long acknowledged;

  OutboundQueue(int maxPending, int maxInFlight) {
    this.maxPending = maxPending;
    this.maxInFlight = maxInFlight;
  }

  /** Queues {@code message} last; drops the oldest pending one when full and returns it. */
  Message add(Message message) {
    Message oldest = null;
    if (pending.size() >= maxPending) {
      oldest = pending.pollFirst();
      dropped++;
    }
    pending.addLast(message);
    return oldest;
  }

  /** The next message to send, removed from pending; null when none or the window is full. */
  Message next() {
    return inFlight.size() >= maxInFlight ? null : pending.pollFirst();
  }

  /** {@code message} was written with {@code packetId}; it waits for its acknowledgement. */
  void sent(int packetId, Message message) {
    inFlight.put(packetId, message);
  }

  /** {@code message} could not be written: it goes back first, to keep the order. */
  void unsent(Message message) {
    pending.addFirst(message);
  }

  /** The broker acknowledged {@code packetId}; false when it was not in flight. */
  boolean acknowledged(int packetId) {
    return acknowledge(packetId) != null;
  }

  /** The broker acknowledged {@code packetId}: the message, or null when it was not in flight. */
  Message acknowledge(int packetId) {
    Message m = inFlight.remove(packetId);
    if (m != null) {
      acknowledged++;
    }
    return m;
  }

  /** The connection dropped: every unacknowledged message goes back to the front, in order. */
  void connectionLost() {
    List<Message> unacked = new ArrayList<>(inFlight.values());
    inFlight.clear();
    for (int i = unacked.size() - 1; i >= 0; i--) {
      pending.addFirst(unacked.get(i));
    }
    // the in-flight ones may have made the queue longer than its bound: the oldest go
    while (pending.size() > maxPending) {
      pending.pollFirst();
      dropped++;
    }
  }

  /** Messages held: pending plus in flight. */
  int held() {
    return pending.size() + inFlight.size();
  }

  int inFlight() {
    return inFlight.size();
  }

  long dropped() {
    return dropped;
  }

  long acknowledgedCount() {
    return acknowledged;
  }
}
