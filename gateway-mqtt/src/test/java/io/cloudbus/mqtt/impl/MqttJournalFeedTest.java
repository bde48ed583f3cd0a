package io.cloudbus.mqtt.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalEntry;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The journal reader on the in-memory journal (which answers at once). */
class MqttJournalFeedTest {

  private final EventJournal journal = EventJournal.inMemory(100);
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
    MqttJournalFeed feed = new MqttJournalFeed(journal, "mqtt:cloudbus", 2, read::add);
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
    new MqttJournalFeed(journal, "mqtt:cloudbus", 10, again::add)
        .start(Instant.EPOCH)
        .await(5, TimeUnit.SECONDS);
    assertThat(again).extracting(e -> e.event().getString("id")).containsExactly("d");
  }

  @Test
  void cursorNamesAreValidForAnyClientId() {
    assertThat(MqttJournalFeed.cursorName("cloudbus")).isEqualTo("mqtt:cloudbus");
    assertThat(MqttJournalFeed.cursorName("gw 1/β")).isEqualTo("mqtt:gw_1__");
  }
}
