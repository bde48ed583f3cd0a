package io.cloudbus.mqtt.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

  private static OutboundQueue.Message m(int n) {
    return new OutboundQueue.Message("t/" + n, Buffer.buffer("" + n), false);
  }

  private static List<String> drain(OutboundQueue q) {
    List<String> topics = new ArrayList<>();
    int id = 100;
    for (OutboundQueue.Message x = q.next(); x != null; x = q.next()) {
      topics.add(x.topic());
      q.sent(id, x);
      q.acknowledged(id++);
    }
    return topics;
  }

  @Test
  void boundedDroppingTheOldestAndCountingThem() {
    OutboundQueue q = new OutboundQueue(3, 10);
    for (int i = 1; i <= 5; i++) {
      q.add(m(i));
    }
    assertThat(q.held()).isEqualTo(3);
    assertThat(q.dropped()).isEqualTo(2);
    assertThat(drain(q)).containsExactly("t/3", "t/4", "t/5");
    assertThat(q.acknowledgedCount()).isEqualTo(3);
  }

  @Test
  void theWindowLimitsMessagesInFlight() {
    OutboundQueue q = new OutboundQueue(10, 2);
    for (int i = 1; i <= 3; i++) {
      q.add(m(i));
    }
    q.sent(1, q.next());
    q.sent(2, q.next());
    assertThat(q.next()).isNull();
    assertThat(q.acknowledged(1)).isTrue();
    assertThat(q.acknowledged(1)).isFalse();
    assertThat(q.next().topic()).isEqualTo("t/3");
  }

  @Test
  void unacknowledgedMessagesAreSentAgainFirstAndInOrderAfterAConnectionLoss() {
    OutboundQueue q = new OutboundQueue(10, 5);
    for (int i = 1; i <= 4; i++) {
      q.add(m(i));
    }
    q.sent(7, q.next());
    q.sent(8, q.next());
    q.acknowledged(7);
    q.connectionLost();
    assertThat(q.inFlight()).isZero();
    assertThat(drain(q)).containsExactly("t/2", "t/3", "t/4");
  }

  @Test
  void aFailedWriteGoesBackFirst() {
    OutboundQueue q = new OutboundQueue(10, 5);
    q.add(m(1));
    q.add(m(2));
    q.unsent(q.next());
    assertThat(drain(q)).containsExactly("t/1", "t/2");
  }
}
