package io.cloudbus.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.impl.InMemoryEventJournal;
import io.cloudbus.core.testing.MutableClock;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The in-memory journal: positions, the dedup decision, bounded memory, filters and paging. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class InMemoryEventJournalTest {

  static JsonObject event(String vendor, String account, String id, String name) {
    return CloudbusEvent.builder(vendor, account).id(id).name(name).build().toJson();
  }

  private static List<Long> positions(JournalPage page) {
    return page.entries().stream().map(JournalEntry::position).toList();
  }

  /** A journal whose positions start at 1, so that the tests can name them. */
  private static InMemoryEventJournal fromOne(int maxEvents) {
    return new InMemoryEventJournal(maxEvents, Clock.systemUTC(), 0);
  }

  @Test
  void everyJournalStartsAfterABaseOfItsOwnSoThatPositionsOfTwoNeverMeet() {
    // GIVEN two journals made the same way, as two runs of a service with journal.enabled: false
    EventJournal first = EventJournal.inMemory(10);
    EventJournal second = EventJournal.inMemory(10);

    // THEN each has a base, a multiple of 2^32 below 2^52, and an empty one is at it
    for (EventJournal j : List.of(first, second)) {
      assertThat(j.basePosition()).isPositive().isLessThan(1L << 52);
      assertThat(j.basePosition() % (1L << 32)).isZero();
      assertThat(j.latestPosition().result()).isEqualTo(j.basePosition());
    }
    assertThat(first.basePosition()).isNotEqualTo(second.basePosition());

    // AND the first event of each comes right after its base
    assertThat(first.append(event("v", "a", "1", "x.y")).result())
        .isEqualTo(AppendResult.appended(first.basePosition() + 1));
    assertThat(second.append(event("v", "a", "1", "x.y")).result())
        .isEqualTo(AppendResult.appended(second.basePosition() + 1));
  }

  @Test
  void positionsIncreaseAndAKnownKeyIsADuplicate() {
    // GIVEN an empty journal
    EventJournal j = fromOne(10);

    // WHEN two events are appended, then the first again, then the same id from another account
    AppendResult a = j.append(event("v", "a", "1", "x.y")).result();
    AppendResult b = j.append(event("v", "a", "2", "x.y")).result();
    AppendResult again = j.append(event("v", "a", "1", "x.y")).result();
    AppendResult other = j.append(event("v", "b", "1", "x.y")).result();

    // THEN positions grow, the repeat is a duplicate of the first, the other source is new
    assertThat(a).isEqualTo(AppendResult.appended(1));
    assertThat(b).isEqualTo(AppendResult.appended(2));
    assertThat(again).isEqualTo(AppendResult.duplicateOf(1));
    assertThat(other).isEqualTo(AppendResult.appended(3));
    assertThat(j.positionOf("/cloudbus/v/a", "2").result()).isEqualTo(2L);
    assertThat(j.positionOf("/cloudbus/v/a", "9").result()).isNull();
    assertThat(j.latestPosition().result()).isEqualTo(3L);
  }

  @Test
  void anEventWithoutIdFailsAndAClosedJournalRefuses() {
    EventJournal j = EventJournal.inMemory(10);
    assertThat(j.append(new JsonObject().put("source", "/x")).cause())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source and id");
    j.close();
    assertThat(j.append(event("v", "a", "1", "x.y")).cause()).isInstanceOf(JournalException.class);
  }

  @Test
  void memoryIsBoundedAndForgottenKeysAreNewAgain() {
    InMemoryEventJournal j = fromOne(3);
    for (int i = 1; i <= 5; i++) {
      j.append(event("v", "a", "e" + i, "x.y"));
    }
    assertThat(j.size()).isEqualTo(3);
    assertThat(positions(j.read(JournalQuery.builder().build()).result()))
        .containsExactly(5L, 4L, 3L);
    // e1 left the memory: the journal no longer knows it (a durable journal keeps it longer)
    assertThat(j.append(event("v", "a", "e1", "x.y")).result()).isEqualTo(AppendResult.appended(6));
    assertThat(j.append(event("v", "a", "e5", "x.y")).result().duplicate()).isTrue();
  }

  @Test
  void filtersAndPagesInBothOrders() {
    // GIVEN six events of two vendors, journaled a minute apart
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    EventJournal j = new InMemoryEventJournal(100, clock, 0);
    for (int i = 1; i <= 6; i++) {
      String vendor = i % 2 == 0 ? "bticino" : "simplisafe";
      j.append(event(vendor, "home", "e" + i, i <= 3 ? "alarm.triggered" : "doorbell.ring"));
      clock.advance(Duration.ofMinutes(1));
    }

    // THEN each filter narrows the result
    assertThat(positions(j.read(JournalQuery.builder().vendor("bticino").build()).result()))
        .containsExactly(6L, 4L, 2L);
    assertThat(positions(j.read(JournalQuery.builder().account("flat").build()).result()))
        .isEmpty();
    assertThat(
            positions(
                j.read(JournalQuery.builder().typePrefix("io.cloudbus.alarm.").build()).result()))
        .containsExactly(3L, 2L, 1L);
    assertThat(
            positions(
                j.read(
                        JournalQuery.builder()
                            .since(Instant.parse("2026-01-01T00:01:00Z"))
                            .until(Instant.parse("2026-01-01T00:03:00Z"))
                            .build())
                    .result()))
        .containsExactly(3L, 2L);
    assertThat(
            positions(
                j.read(
                        JournalQuery.builder()
                            .afterPosition(4)
                            .order(JournalQuery.Order.OLDEST_FIRST)
                            .build())
                    .result()))
        .containsExactly(5L, 6L);

    // AND newest-first pages follow their cursor to the end
    JournalPage first = j.read(JournalQuery.builder().limit(4).build()).result();
    assertThat(positions(first)).containsExactly(6L, 5L, 4L, 3L);
    JournalPage second =
        j.read(JournalQuery.builder().limit(4).cursor(first.next()).build()).result();
    assertThat(positions(second)).containsExactly(2L, 1L);
    assertThat(second.next()).isNull();

    // AND oldest-first pages too, a full last page saying nothing more
    JournalQuery.Builder replay = JournalQuery.builder().order(JournalQuery.Order.OLDEST_FIRST);
    JournalPage r1 = j.read(replay.limit(3).build()).result();
    assertThat(positions(r1)).containsExactly(1L, 2L, 3L);
    JournalPage r2 = j.read(replay.cursor(r1.next()).build()).result();
    assertThat(positions(r2)).containsExactly(4L, 5L, 6L);
    assertThat(r2.next()).isNull();
  }

  @Test
  void badQueriesNameTheField() {
    assertThatThrownBy(() -> JournalQuery.builder().limit(0).build()).hasMessageContaining("limit");
    assertThatThrownBy(() -> JournalQuery.builder().cursor("o5").build())
        .hasMessageContaining("cursor");
    assertThatThrownBy(() -> JournalQuery.builder().cursor("nabc").build())
        .hasMessageContaining("cursor");
    assertThatThrownBy(() -> JournalQuery.builder().afterPosition(-1).build())
        .hasMessageContaining("afterPosition");
  }

  @Test
  void readsReturnCopies() {
    EventJournal j = EventJournal.inMemory(10);
    j.append(event("v", "a", "1", "x.y"));
    j.read(JournalQuery.builder().build()).result().entries().get(0).event().put("id", "changed");
    assertThat(
            j.read(JournalQuery.builder().build())
                .result()
                .entries()
                .get(0)
                .event()
                .getString("id"))
        .isEqualTo("1");
  }

  @Test
  void optionsRoundTripAndNameTheirFields() {
    JournalOptions o = new JournalOptions(false, "/var/lib/cloudbus", 3, 10);
    assertThat(JournalOptions.fromJson(o.toJson())).isEqualTo(o);
    assertThat(JournalOptions.fromJson(new JsonObject())).isEqualTo(JournalOptions.defaults());
    assertThat(JournalOptions.defaults().retentionDays()).isEqualTo(7);
    assertThat(JournalOptions.defaults().maxSizeMb()).isEqualTo(1024);
    assertThatThrownBy(() -> JournalOptions.fromJson(new JsonObject().put("retentionDays", 0)))
        .hasMessageContaining("journal.retentionDays");
    assertThatThrownBy(() -> JournalOptions.fromJson(new JsonObject().put("maxSizeMb", "big")))
        .hasMessageContaining("journal");
  }
}
