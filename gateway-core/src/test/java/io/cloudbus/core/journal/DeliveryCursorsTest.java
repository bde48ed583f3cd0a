package io.cloudbus.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Delivery cursors in memory, the in-memory journal's, and a journal that keeps none. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DeliveryCursorsTest {

  @Test
  void storeLoadReplaceAndList() {
    DeliveryCursors c = DeliveryCursors.inMemory();
    assertThat(c.load("webhook:a").result()).isNull();
    c.store("webhook:a", 3);
    c.store("mqtt", 7);
    c.store("webhook:a", 2);
    assertThat(c.load("webhook:a").result()).isEqualTo(2L);
    assertThat(c.all().result())
        .containsExactlyInAnyOrderEntriesOf(Map.of("webhook:a", 2L, "mqtt", 7L));
  }

  @Test
  void namesAndPositionsAreChecked() {
    DeliveryCursors c = DeliveryCursors.inMemory();
    assertThat(c.store("webhook:host-1.example_x", 0).succeeded()).isTrue();
    assertThat(c.store("web hook", 1).cause())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("output: ");
    assertThat(c.store("mqtt", -1).cause()).hasMessage("position: must be >= 0, was -1");
    assertThat(c.load(null).cause()).hasMessageContaining("was null");
    assertThatThrownBy(() -> DeliveryCursors.check("x".repeat(201), 0))
        .hasMessageStartingWith("output: 1 to 200");
  }

  @Test
  void theInMemoryJournalKeepsOneSetOfCursors() {
    EventJournal j = EventJournal.inMemory(10);
    assertThat(j.cursors()).isSameAs(j.cursors());
    j.cursors().store("mqtt", 1);
    assertThat(j.cursors().load("mqtt").result()).isEqualTo(1L);
  }

  @Test
  void aJournalWithoutCursorsFailsEachCall() {
    EventJournal none =
        new EventJournal() {
          @Override
          public String id() {
            return "none";
          }

          @Override
          public Future<AppendResult> append(JsonObject event) {
            return Future.failedFuture("unused");
          }

          @Override
          public Future<JournalPage> read(JournalQuery query) {
            return Future.failedFuture("unused");
          }

          @Override
          public Future<Long> positionOf(String source, String id) {
            return Future.failedFuture("unused");
          }

          @Override
          public Future<Long> latestPosition() {
            return Future.failedFuture("unused");
          }

          @Override
          public Future<Void> close() {
            return Future.succeededFuture();
          }
        };
    assertThat(none.cursors().load("mqtt").cause())
        .isInstanceOf(JournalException.class)
        .hasMessage("this journal keeps no delivery cursors");
  }
}
