package io.cloudbus.service.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.impl.InMemoryEventJournal;
import io.cloudbus.core.journal.EventJournal;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The service's journal step: own positions taken, foreign events appended, repeats dropped. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class JournaledEventsTest {

  private final List<String> out = new ArrayList<>();

  private static JsonObject event(String id) {
    return CloudbusEvent.builder("simplisafe", "home")
        .id(id)
        .name("alarm.triggered")
        .build()
        .toJson();
  }

  private static MultiMap headers(String position, String journal) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (position != null) {
      h.add(CloudbusAddresses.HEADER_POSITION, position)
          .add(CloudbusAddresses.HEADER_JOURNAL, journal);
    }
    return h;
  }

  @Test
  void ownPositionsAreTakenForeignEventsAppendedAndRepeatsDropped() {
    // GIVEN the service's journal, which a local socket already appended "a" to
    EventJournal journal = new InMemoryEventJournal(100, Clock.systemUTC(), 0);
    long a = journal.append(event("a")).result().position();
    JournaledEvents j =
        new JournaledEvents(journal, (e, p) -> out.add(e.getString("id") + "@" + p));

    // WHEN the socket's message for "a" arrives, then "b" from another node's journal, then "b"
    // from a publisher without a journal, then "c" without a journal
    j.accept(event("a"), headers(Long.toString(a), journal.id()));
    j.accept(event("b"), headers("1", "other-node"));
    j.accept(event("b"), headers(null, null));
    j.accept(event("c"), headers(null, null));

    // THEN "a" keeps its position, "b" and "c" are appended here, the repeated "b" is dropped
    assertThat(out).containsExactly("a@1", "b@2", "c@3");
    assertThat(j.duplicates()).isEqualTo(1);
    assertThat(journal.latestPosition().result()).isEqualTo(3L);
  }
}
