package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventDeduplicator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pipeline's dedup step: the same-turn path for answers at once, and order for late ones. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class EventPipelineTest {

  private final SocketStats stats = new SocketStats();
  private final List<String> fired = new ArrayList<>();

  private EventPipeline pipeline(Vertx vertx, EventDeduplicator dedup) {
    HandlerRegistry<CloudbusEvent> handlers = new HandlerRegistry<>("event");
    handlers.add(
        e -> {
          fired.add(e.id());
          return null;
        });
    EventPipeline p = new EventPipeline("test", stats, handlers, 10);
    p.attach(dedup, new EventPublisher(vertx.eventBus(), "vendor", "account"));
    return p;
  }

  private static CloudbusEvent event(String id) {
    return CloudbusEvent.builder("vendor", "account").id(id).name("test.event").build();
  }

  @Test
  void anAnswerAtOncePublishesInTheSameCallAndDropsDuplicates(Vertx vertx) {
    // GIVEN a deduplicator that answers at once (Caffeine)
    EventPipeline p = pipeline(vertx, EventDeduplicator.caffeine(100, Duration.ofMinutes(1)));

    // WHEN three events arrive, the second a duplicate of the first
    p.deliver(event("1"));
    p.deliver(event("1"));
    p.deliver(event("2"));

    // THEN they are handled before deliver returns, the duplicate dropped
    assertThat(fired).containsExactly("1", "2");
    assertThat(stats.eventsPublished.get()).isEqualTo(2);
    assertThat(stats.duplicatesDropped.get()).isEqualTo(1);
    assertThat(p.drained().isComplete()).isTrue();
  }

  @Test
  void lateAnswersKeepTheOrderEvenWhenLaterEventsCouldBeAnsweredAtOnce(Vertx vertx) {
    // GIVEN a deduplicator that answers the first question late and the others at once
    List<Promise<Boolean>> late = new ArrayList<>();
    List<String> asked = new ArrayList<>();
    EventPipeline p =
        pipeline(
            vertx,
            key -> {
              asked.add(key);
              if (late.isEmpty()) {
                Promise<Boolean> answer = Promise.promise();
                late.add(answer);
                return answer.future();
              }
              return Future.succeededFuture(!key.endsWith("#1"));
            });

    // WHEN three events arrive while the first answer is pending, the third a duplicate of it
    p.deliver(event("1"));
    p.deliver(event("2"));
    p.deliver(event("1"));

    // THEN nothing overtakes the first; the later ones are asked only after its answer
    assertThat(fired).isEmpty();
    assertThat(asked).hasSize(1);
    assertThat(p.drained().isComplete()).isFalse();
    late.get(0).complete(true);
    assertThat(fired).containsExactly("1", "2");
    assertThat(stats.duplicatesDropped.get()).isEqualTo(1);
    assertThat(p.drained().isComplete()).isTrue();

    // and once drained, the same-turn path is used again
    p.deliver(event("3"));
    assertThat(fired).containsExactly("1", "2", "3");
  }

  @Test
  void aThrowingOrFailingDeduplicatorStillPublishes(Vertx vertx) {
    // GIVEN a deduplicator that throws, then one that fails
    EventPipeline throwing =
        pipeline(
            vertx,
            key -> {
              throw new IllegalStateException("store down");
            });
    EventPipeline failing =
        pipeline(vertx, key -> Future.failedFuture(new IllegalStateException("store down")));

    // WHEN an event arrives at each
    throwing.deliver(event("a"));
    failing.deliver(event("b"));

    // THEN both are published: delivering twice beats losing one
    assertThat(fired).containsExactly("a", "b");
    assertThat(stats.eventsPublished.get()).isEqualTo(2);
  }
}
