package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventDeduplicator;
import io.cloudbus.core.journal.AppendResult;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalException;
import io.cloudbus.core.journal.JournalPage;
import io.cloudbus.core.journal.JournalQuery;
import io.cloudbus.core.testing.ManualScheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pipeline with a journal: the dedup decision, the position header, order, failures. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class EventPipelineJournalTest {

  private final SocketStats stats = new SocketStats();
  private final List<String> fired = new ArrayList<>();
  private final List<String> headers = new ArrayList<>();

  private EventPipeline pipeline(Vertx vertx, EventDeduplicator dedup, EventJournal journal) {
    HandlerRegistry<CloudbusEvent> handlers = new HandlerRegistry<>("event");
    handlers.add(
        e -> {
          fired.add(e.id());
          return null;
        });
    vertx
        .eventBus()
        .<JsonObject>localConsumer(CloudbusAddresses.EVENTS)
        .handler(
            m ->
                headers.add(
                    m.body().getString("id")
                        + "@"
                        + m.headers().get(CloudbusAddresses.HEADER_POSITION)
                        + "/"
                        + (journal.id().equals(m.headers().get(CloudbusAddresses.HEADER_JOURNAL))
                            ? "own"
                            : m.headers().get(CloudbusAddresses.HEADER_JOURNAL))));
    EventPipeline p = new EventPipeline("test", stats, handlers, 10);
    p.attach(dedup, new EventPublisher(vertx.eventBus(), "vendor", "account"));
    p.journal(journal);
    return p;
  }

  private static CloudbusEvent event(String id) {
    return CloudbusEvent.builder("vendor", "account").id(id).name("test.event").build();
  }

  @Test
  void theJournalDecidesAndEveryMessageCarriesItsPosition(Vertx vertx) {
    // GIVEN a pipeline with a journal and no deduplicator
    EventJournal journal = new InMemoryEventJournal(100, Clock.systemUTC(), 0);
    EventPipeline p = pipeline(vertx, null, journal);

    // WHEN three events arrive, the third a repeat of the first
    p.deliver(event("1"));
    p.deliver(event("2"));
    p.deliver(event("1"));

    // THEN two are published with positions 1 and 2 (bus delivery is asynchronous)
    assertThat(fired).containsExactly("1", "2");
    assertThat(stats.duplicatesDropped.get()).isEqualTo(1);
    org.awaitility.Awaitility.await()
        .atMost(io.cloudbus.core.Patience.PATIENT)
        .until(() -> headers.size() == 2);
    assertThat(headers).containsExactly("1@1/own", "2@2/own");
    JournalPage page = journal.read(JournalQuery.builder().build()).result();
    assertThat(page.entries()).hasSize(2);
  }

  @Test
  void lateAppendsArePublishedInOrderAndAFailureStillPublishes(Vertx vertx) {
    // GIVEN a journal that answers the first append late and fails the second
    List<Promise<AppendResult>> late = new ArrayList<>();
    EventJournal memory = new InMemoryEventJournal(100, Clock.systemUTC(), 0);
    EventJournal journal =
        new ForwardingJournal(memory) {
          int calls;

          @Override
          public Future<AppendResult> append(JsonObject event) {
            calls++;
            if (calls == 1) {
              Promise<AppendResult> answer = Promise.promise();
              late.add(answer);
              return answer.future();
            }
            if (calls == 2) {
              return Future.failedFuture(new JournalException("/tmp/x: disk full"));
            }
            return memory.append(event);
          }
        };
    EventPipeline p = pipeline(vertx, null, journal);

    // WHEN three events arrive while the first append is pending
    p.deliver(event("a"));
    p.deliver(event("b"));
    p.deliver(event("c"));

    // THEN nothing overtakes the first; then all three go out, "b" without a position
    assertThat(fired).isEmpty();
    late.get(0).complete(AppendResult.appended(7));
    assertThat(fired).containsExactly("a", "b", "c");
    assertThat(stats.journalFailures.get()).isEqualTo(1);
    org.awaitility.Awaitility.await()
        .atMost(io.cloudbus.core.Patience.PATIENT)
        .until(() -> headers.size() == 3);
    assertThat(headers).containsExactly("a@7/own", "b@null/null", "c@1/own");
  }

  @Test
  void aDeduplicatorIsAskedBeforeTheJournal(Vertx vertx) {
    // GIVEN a shared deduplicator that already saw "x" (another node published it)
    EventDeduplicator dedup = EventDeduplicator.caffeine(100, Duration.ofMinutes(1));
    dedup.firstSeen("/cloudbus/vendor/account#x");
    EventJournal journal = new InMemoryEventJournal(100, Clock.systemUTC(), 0);
    EventPipeline p = pipeline(vertx, dedup, journal);

    // WHEN "x" and "y" arrive
    p.deliver(event("x"));
    p.deliver(event("y"));

    // THEN only "y" is published and journaled
    assertThat(fired).containsExactly("y");
    assertThat(journal.latestPosition().result()).isEqualTo(1L);
    assertThat(journal.positionOf("/cloudbus/vendor/account", "x").result()).isNull();
  }

  @Test
  void aSlowJournalHoldsTheReadingAndReleasesItWhenItCatchesUp(Vertx vertx) {
    // GIVEN a journal that answers nothing until told, and a flow holding at 4 in flight
    List<Promise<AppendResult>> waiting = new ArrayList<>();
    EventJournal journal =
        new ForwardingJournal(new InMemoryEventJournal(100, Clock.systemUTC(), 0)) {
          @Override
          public Future<AppendResult> append(JsonObject event) {
            Promise<AppendResult> answer = Promise.promise();
            waiting.add(answer);
            return answer.future();
          }
        };
    EventPipeline p = pipeline(vertx, null, journal);
    List<Boolean> reading = new ArrayList<>();
    ReadFlow flow =
        new ReadFlow("test", new ManualScheduler(), stats, 4, 1, 10_000, () -> 0, null, null);
    flow.attach(reading::add);
    p.flow(flow);

    // WHEN 5 events arrive
    for (int i = 1; i <= 5; i++) {
      p.deliver(event("e" + i));
    }

    // THEN the reading was held once, at the fourth
    assertThat(reading).containsExactly(true);
    assertThat(flow.inFlight()).isEqualTo(5);
    assertThat(stats.readHolds.get()).isEqualTo(1);

    // WHEN the journal answers all but one: THEN reading resumes at the low mark, once
    for (int i = 0; i < 3; i++) {
      waiting.get(i).complete(AppendResult.appended(i + 1));
    }
    assertThat(reading).containsExactly(true);
    waiting.get(3).complete(AppendResult.appended(4));
    assertThat(reading).containsExactly(true, false);
    assertThat(fired).containsExactly("e1", "e2", "e3", "e4");
    assertThat(flow.holding()).isFalse();
  }

  /** Forwards every call to another journal. */
  private static class ForwardingJournal implements EventJournal {
    private final EventJournal to;

    ForwardingJournal(EventJournal to) {
      this.to = to;
    }

    @Override
    public String id() {
      return to.id();
    }

    @Override
    public Future<AppendResult> append(JsonObject event) {
      return to.append(event);
    }

    @Override
    public Future<JournalPage> read(JournalQuery query) {
      return to.read(query);
    }

    @Override
    public Future<Long> positionOf(String source, String id) {
      return to.positionOf(source, id);
    }

    @Override
    public Future<Long> latestPosition() {
      return to.latestPosition();
    }

    @Override
    public Future<Void> close() {
      return to.close();
    }
  }
}
