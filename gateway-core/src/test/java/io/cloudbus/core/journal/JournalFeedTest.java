package io.cloudbus.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.impl.InMemoryEventJournal;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The journal reader on the in-memory journal (which answers at once). */
class JournalFeedTest {

  private final EventJournal journal = new InMemoryEventJournal(100, Clock.systemUTC(), 0);
  private final List<JournalEntry> read = new ArrayList<>();

  private void append(String id) throws Exception {
    journal
        .append(new JsonObject().put("source", "/cloudbus/bticino/home").put("id", id))
        .await(5, TimeUnit.SECONDS);
  }

  private Long stored() throws Exception {
    return journal.cursors().load("mqtt:cloudbus").await(5, TimeUnit.SECONDS);
  }

  @Test
  void readsAWindowAheadAndMovesTheCursorPastTheOldestOutstanding() throws Exception {
    append("old");
    JournalFeed feed = new JournalFeed(journal, "mqtt:cloudbus", 2, e -> true, read::add);
    // GIVEN a new output: it starts at the live end, stored at once
    feed.start(Instant.now().plusSeconds(60)).await(5, TimeUnit.SECONDS);
    assertThat(stored()).isEqualTo(1);
    assertThat(read).isEmpty();

    // WHEN three events come: two are read (the window), the third waits
    append("a");
    append("b");
    append("c");
    feed.wake();
    assertThat(read).extracting(e -> e.event().getString("id")).containsExactly("a", "b");

    // THEN an acknowledgement out of order does not move the cursor past the outstanding one
    feed.done(3);
    assertThat(feed.cursor()).isEqualTo(1);
    assertThat(read).extracting(e -> e.event().getString("id")).containsExactly("a", "b", "c");
    feed.done(2);
    assertThat(feed.cursor()).isEqualTo(3);
    feed.done(4);
    assertThat(feed.cursor()).isEqualTo(4);
    feed.close().await(5, TimeUnit.SECONDS);
    assertThat(stored()).isEqualTo(4);

    // AND a new reader on the same cursor resumes after it
    append("d");
    List<JournalEntry> again = new ArrayList<>();
    new JournalFeed(journal, "mqtt:cloudbus", 10, e -> true, again::add)
        .start(Instant.EPOCH)
        .await(5, TimeUnit.SECONDS);
    assertThat(again).extracting(e -> e.event().getString("id")).containsExactly("d");
  }

  @Test
  void eventsTheFilterDoesNotWantArePassedOverAndTheCursorMovesPastThem() throws Exception {
    JournalFeed feed =
        new JournalFeed(
            journal, "webhook:doors", 5, e -> e.getString("id").startsWith("door"), read::add);
    feed.start(Instant.EPOCH).await(5, TimeUnit.SECONDS);
    append("door-1");
    append("light-1");
    append("door-2");
    feed.wake();
    assertThat(read).extracting(e -> e.event().getString("id")).containsExactly("door-1", "door-2");
    feed.done(read.get(0).position());
    assertThat(feed.cursor()).isEqualTo(2); // past door-1 and the unwanted light-1
    feed.done(read.get(1).position());
    assertThat(feed.cursor()).isEqualTo(3);
    assertThat(feed.backlog()).isZero();
  }

  @Test
  void aWindowBelowOneIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new JournalFeed(journal, "mqtt:x", 0, e -> true, read::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
  }
}
