package io.cloudbus.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.journal.AppendResult;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalException;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.core.journal.JournalPage;
import io.cloudbus.core.journal.JournalQuery;
import io.vertx.core.Future;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite journal on a real file: restarts, bursts, reads, retention, broken files. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SqliteEventJournalTest {

  @TempDir Path dir;
  private final List<EventJournal> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (EventJournal j : open) {
      await(j.close());
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage()
        .toCompletableFuture()
        .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  static JsonObject event(String account, String id, String name) {
    return CloudbusEvent.builder("simplisafe", account).id(id).name(name).build().toJson();
  }

  private SqliteEventJournal journal(JournalOptions options, Clock clock, Integer maxPages) {
    return journal(
        options,
        clock,
        maxPages,
        Duration.ofNanos(SqliteEventJournal.DEFAULT_GROUP_WINDOW_MICROS * 1_000));
  }

  private SqliteEventJournal journal(
      JournalOptions options, Clock clock, Integer maxPages, Duration groupWindow) {
    SqliteEventJournal j =
        SqliteEventJournal.open(dir, options, clock, 10_000, maxPages, groupWindow);
    open.add(j);
    return j;
  }

  private SqliteEventJournal journal() {
    return journal(JournalOptions.defaults(), Clock.systemUTC(), null);
  }

  @Test
  void positionsAndDuplicatesSurviveARestart() throws Exception {
    // GIVEN a journal with three events, closed
    SqliteEventJournal first = journal();
    String id = first.id();
    long b = first.basePosition();
    for (String e : List.of("a", "b", "c")) {
      await(first.append(event("home", e, "alarm.triggered")));
    }
    await(first.close());
    open.remove(first);

    // WHEN it is opened again and gets the same events (a catch-up after restart) and a new one
    SqliteEventJournal again = journal();
    List<AppendResult> answers = new ArrayList<>();
    for (String e : List.of("a", "b", "c", "d")) {
      answers.add(await(again.append(event("home", e, "alarm.triggered"))));
    }

    // THEN the old ones are duplicates at their positions, the new one goes on after them
    assertThat(answers)
        .containsExactly(
            AppendResult.duplicateOf(b + 1),
            AppendResult.duplicateOf(b + 2),
            AppendResult.duplicateOf(b + 3),
            AppendResult.appended(b + 4));
    assertThat(again.id()).isEqualTo(id);
    // (a new file took a base of its own, a multiple of 2^32, and keeps it)
    assertThat(b).isPositive().isLessThan(1L << 52);
    assertThat(b % (1L << 32)).isZero();
    assertThat(again.basePosition()).isEqualTo(b);
    assertThat(await(again.latestPosition())).isEqualTo(b + 4);
    assertThat(await(again.positionOf("/cloudbus/simplisafe/home", "b"))).isEqualTo(b + 2);
    assertThat(await(again.positionOf("/cloudbus/simplisafe/home", "zz"))).isNull();
  }

  @Test
  void aBurstIsAnsweredInOrder() throws Exception {
    // GIVEN a journal
    SqliteEventJournal j = journal();
    long b = j.basePosition();

    // WHEN 2,000 appends are made without waiting, every tenth a repeat of an earlier one
    List<Future<AppendResult>> all = new ArrayList<>();
    List<Long> order = new ArrayList<>();
    List<Integer> backlogSeen = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      String id = i % 10 == 9 ? "e" + (i - 5) : "e" + i;
      Future<AppendResult> f = j.append(event("home", id, "x.y"));
      f.onSuccess(
          r -> {
            synchronized (order) {
              order.add(r.duplicate() ? -r.position() : r.position());
              backlogSeen.add(j.backlog());
            }
          });
      all.add(f);
    }
    assertThat(j.backlog()).isBetween(0, 2000);
    await(Future.all(all));

    // THEN the new ones got b + 1..1800 in call order and the repeats their originals' positions
    List<Long> fresh = order.stream().filter(p -> p > 0).toList();
    assertThat(fresh).hasSize(1800).isSorted();
    assertThat(fresh.get(1799)).isEqualTo(b + 1800);
    assertThat(order.stream().filter(p -> p < 0).count()).isEqualTo(200);

    // AND the backlog never counted an append already answered (flow control resumes on answers)
    for (int k = 0; k < backlogSeen.size(); k++) {
      assertThat(backlogSeen.get(k)).as("backlog at answer %d", k + 1).isLessThan(2000 - k);
    }
    assertThat(j.backlog()).isZero();
  }

  @Test
  void aLoneAppendIsWrittenAtOnceAndAStreamIsWrittenInGroups() throws Exception {
    // GIVEN a journal whose group window is far longer than this test may take
    SqliteEventJournal j =
        journal(JournalOptions.defaults(), Clock.systemUTC(), null, Duration.ofHours(1));

    // WHEN one event is appended to the idle journal, THEN it is written at once
    await(j.append(event("home", "lone", "x.y")));
    assertThat(j.transactions()).isEqualTo(1);

    // WHEN more follow right after that transaction, THEN they wait for a full group
    List<Future<AppendResult>> group = new ArrayList<>();
    for (int i = 0; i < SqliteEventJournal.GROUP_FULL - 1; i++) {
      group.add(j.append(event("home", "g" + i, "x.y")));
    }
    assertThat(group).noneMatch(Future::isComplete);
    assertThat(j.backlog()).isEqualTo(SqliteEventJournal.GROUP_FULL - 1);

    // AND the append that fills it has the whole group written in one transaction
    group.add(j.append(event("home", "last", "x.y")));
    await(Future.all(group));
    assertThat(j.transactions()).isEqualTo(2);
    assertThat(await(j.latestPosition()))
        .isEqualTo(j.basePosition() + SqliteEventJournal.GROUP_FULL + 1L);

    // AND closing writes a group still waiting
    Future<AppendResult> waiting = j.append(event("home", "before-close", "x.y"));
    await(j.close());
    open.remove(j);
    assertThat(await(waiting).position())
        .isEqualTo(j.basePosition() + SqliteEventJournal.GROUP_FULL + 2L);
  }

  @Test
  void appendsFromABusConsumerAreAnsweredInAppendOrder() throws Exception {
    // GIVEN a journal used by an event bus consumer (Vert.x runs each message on its own
    // duplicated context, and the answers come back on it)
    SqliteEventJournal j = journal();
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      List<Long> answered = new ArrayList<>();
      io.vertx.core.Promise<Void> all = io.vertx.core.Promise.promise();
      int n = 3_000;
      vertx.runOnContext(
          v -> {
            vertx
                .eventBus()
                .<Integer>consumer("burst")
                .handler(
                    m ->
                        j.append(event("home", "e" + m.body(), "x.y"))
                            .onComplete(
                                ar -> {
                                  answered.add(ar.succeeded() ? ar.result().position() : -1L);
                                  if (answered.size() == n) {
                                    all.complete();
                                  }
                                }));
            // WHEN a burst of messages arrives, each appending one event
            for (int i = 0; i < n; i++) {
              vertx.eventBus().send("burst", i);
            }
          });
      await(all.future());

      // THEN the answers arrive in the order of the appends (they came in hash order of the
      // duplicated contexts before, which chained consumers turned into a deep recursion)
      assertThat(answered).hasSize(n).isSorted().doesNotContain(-1L);
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void readsFilterAndPage() throws Exception {
    SqliteEventJournal j = journal();
    long b = j.basePosition();
    for (int i = 1; i <= 7; i++) {
      await(
          j.append(
              event(
                  i % 2 == 0 ? "flat" : "home",
                  "e" + i,
                  i <= 3 ? "alarm.triggered" : "doorbell.ring")));
    }
    JournalPage p1 = await(j.read(JournalQuery.builder().limit(3).build()));
    assertThat(positions(p1)).containsExactly(b + 7, b + 6, b + 5);
    JournalPage p2 = await(j.read(JournalQuery.builder().limit(3).cursor(p1.next()).build()));
    assertThat(positions(p2)).containsExactly(b + 4, b + 3, b + 2);
    JournalPage p3 = await(j.read(JournalQuery.builder().limit(3).cursor(p2.next()).build()));
    assertThat(positions(p3)).containsExactly(b + 1);
    assertThat(p3.next()).isNull();
    assertThat(positions(await(j.read(JournalQuery.builder().account("flat").build()))))
        .containsExactly(b + 6, b + 4, b + 2);
    assertThat(
            positions(
                await(j.read(JournalQuery.builder().typePrefix("io.cloudbus.alarm.").build()))))
        .containsExactly(b + 3, b + 2, b + 1);
    // a prefix with LIKE wildcards matches literally
    assertThat(positions(await(j.read(JournalQuery.builder().typePrefix("io.cloudbus.%").build()))))
        .isEmpty();
    assertThat(
            positions(
                await(
                    j.read(
                        JournalQuery.builder()
                            .afterPosition(b + 5)
                            .order(JournalQuery.Order.OLDEST_FIRST)
                            .build()))))
        .containsExactly(b + 6, b + 7);
    JournalEntry e = await(j.read(JournalQuery.builder().limit(1).build())).entries().get(0);
    assertThat(e.event().getString("id")).isEqualTo("e7");
    assertThat(e.event().getString("type")).isEqualTo("io.cloudbus.doorbell.ring");
  }

  private static List<Long> positions(JournalPage page) {
    return page.entries().stream().map(JournalEntry::position).toList();
  }

  @Test
  void retentionDeletesByAgeAndPositionsAreNotReused() throws Exception {
    // GIVEN a 2-day journal with two events journaled 3 days ago and one now
    MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SqliteEventJournal j = journal(new JournalOptions(true, null, 2, 1024), clock, null);
    await(j.append(event("home", "old1", "x.y")));
    await(j.append(event("home", "old2", "x.y")));
    clock.now = clock.now.plus(Duration.ofDays(3));
    await(j.append(event("home", "new", "x.y")));

    // WHEN retention runs (the write after a minute ran it already; once more changes nothing)
    await(j.retain());

    // THEN the old ones are gone and a new event still gets a higher position
    long b = j.basePosition();
    assertThat(positions(await(j.read(JournalQuery.builder().build())))).containsExactly(b + 3);
    assertThat(await(j.append(event("home", "newer", "x.y"))))
        .isEqualTo(AppendResult.appended(b + 4));
  }

  /** Appends {@code count} events of about 1 KB each ({@code e0}, {@code e1}, …), awaited. */
  private static void appendKilobyteEvents(SqliteEventJournal j, int count) throws Exception {
    String filler = "x".repeat(1000);
    List<Future<AppendResult>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonObject e = event("home", "e" + i, "x.y");
      e.getJsonObject("data").put("filler", filler);
      all.add(j.append(e));
    }
    await(Future.all(all));
  }

  @Test
  void retentionWhileEventsAreWrittenDeletesInStepsAfterTheirTransactions() throws Exception {
    // GIVEN a 1 MB journal holding 5 MB of events
    MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SqliteEventJournal j = journal(new JournalOptions(true, null, 7, 1), clock, null);
    appendKilobyteEvents(j, 5000);
    long before = await(j.usedBytes());

    // WHEN a minute later an event is written: one step follows its transaction
    clock.now = clock.now.plus(Duration.ofSeconds(61));
    await(j.append(event("home", "a", "x.y")));

    // THEN that step deleted at most one step's events: the data is still too large
    long afterOne = await(j.usedBytes());
    assertThat(afterOne).isLessThan(before).isGreaterThan(1024L * 1024);

    // AND the next transactions (no minute later) go on until the data fits
    await(j.append(event("home", "b", "x.y")));
    await(j.append(event("home", "c", "x.y")));
    assertThat(await(j.usedBytes())).isLessThanOrEqualTo(1024L * 1024);
    assertThat(positions(await(j.read(JournalQuery.builder().limit(3).build()))))
        .containsExactly(j.basePosition() + 5003, j.basePosition() + 5002, j.basePosition() + 5001);
  }

  @Test
  void retentionKeepsTheDataUnderTheSizeLimit() throws Exception {
    // GIVEN a 1 MB journal and 3 MB of events
    SqliteEventJournal j = journal(new JournalOptions(true, null, 7, 1), Clock.systemUTC(), null);
    appendKilobyteEvents(j, 3000);

    // WHEN retention runs
    await(j.retain());

    // THEN the data fits and the newest events are kept, the oldest deleted
    assertThat(await(j.usedBytes())).isLessThanOrEqualTo(1024L * 1024);
    assertThat(await(j.positionOf("/cloudbus/simplisafe/home", "e2999")))
        .isEqualTo(j.basePosition() + 3000);
    assertThat(await(j.positionOf("/cloudbus/simplisafe/home", "e0"))).isNull();
  }

  @Test
  void aCorruptFileIsRefusedNamingIt() throws Exception {
    Files.write(
        dir.resolve(SqliteEventJournal.FILE_NAME), "not a database at all".repeat(100).getBytes());
    assertThatThrownBy(() -> journal())
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(dir.resolve(SqliteEventJournal.FILE_NAME).toAbsolutePath().toString())
        .hasMessageContaining("corrupt");
  }

  /** Makes a journal file, closes it, and sets its meta {@code key} to {@code value}. */
  private void closedWithMeta(String key, String value) throws Exception {
    SqliteEventJournal j = journal();
    await(j.close());
    open.remove(j);
    setMeta(key, value);
  }

  /** Sets meta {@code key} of the (closed) journal file to {@code value}. */
  private void setMeta(String key, String value) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve(SqliteEventJournal.FILE_NAME));
        PreparedStatement st = c.prepareStatement("UPDATE meta SET value = ? WHERE key = ?")) {
      st.setString(1, value);
      st.setString(2, key);
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void aJournalOfANewerVersionIsRefused() throws Exception {
    closedWithMeta("schema_version", "99");
    assertThatThrownBy(() -> journal())
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(SqliteEventJournal.FILE_NAME)
        .hasMessageContaining("newer cloudbus (journal schema 99");
  }

  @Test
  void aDamagedBaseIsRefusedNamingTheFile() throws Exception {
    closedWithMeta("position_base", "many");
    for (String damaged : List.of("many", "-4294967296")) {
      setMeta("position_base", damaged);
      assertThatThrownBy(() -> journal())
          .isInstanceOf(JournalException.class)
          .hasMessageContaining(SqliteEventJournal.FILE_NAME)
          .hasMessageContaining("position_base is not a number of 0 or more (\"" + damaged);
    }
  }

  @Test
  void checkpointsRunOnTheirOwnAndAnOperatorCanReadTheFileMeanwhile() throws Exception {
    // GIVEN an open journal with events
    SqliteEventJournal j = journal();
    for (int i = 0; i < 20; i++) {
      await(j.append(event("home", "e" + i, "alarm.triggered")));
    }

    // THEN its checkpoint thread copies the WAL into the file (it runs while writes happened)
    Awaitility.await().atMost(Patience.PATIENT).until(() -> j.checkpointer().checkpoints() > 0);

    // AND another connection (an operator's read-only SQLite shell) reads every event while the
    // journal is open
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:file:" + dir.resolve(SqliteEventJournal.FILE_NAME) + "?mode=ro");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(20);
    }
    // AND the journal writes on
    assertThat(await(j.append(event("home", "after", "alarm.triggered"))))
        .isEqualTo(AppendResult.appended(j.basePosition() + 21));
  }

  @Test
  void anEventThatIsNotJsonFailsItsOwnAppendOnly() throws Exception {
    // GIVEN a journal, and an event with a value that has no JSON form
    SqliteEventJournal j = journal();
    JsonObject bad = event("home", "bad", "alarm.triggered");
    bad.getJsonObject("data").put("thing", new Object());

    // WHEN it is appended between two good ones, without waiting
    Future<AppendResult> before = j.append(event("home", "a", "alarm.triggered"));
    Future<AppendResult> failed = j.append(bad);
    Future<AppendResult> after = j.append(event("home", "b", "alarm.triggered"));

    // THEN only its own append fails, and the journal writes on
    assertThatThrownBy(() -> await(failed)).hasRootCauseInstanceOf(EncodeException.class);
    assertThat(await(before)).isEqualTo(AppendResult.appended(j.basePosition() + 1));
    assertThat(await(after)).isEqualTo(AppendResult.appended(j.basePosition() + 2));
  }

  @Test
  void aBatchThatCannotBeWrittenFailsAndTheJournalWritesOn() throws Exception {
    // GIVEN a journal whose group window never ends by itself (a group is written when full)
    SqliteEventJournal j =
        journal(JournalOptions.defaults(), Clock.systemUTC(), null, Duration.ofHours(1));
    await(j.append(event("home", "first", "alarm.triggered")));

    // WHEN an event waiting in the group is changed (top level) into one with no JSON form, and
    // the group then fills
    JsonObject changed = event("home", "changed", "alarm.triggered");
    Future<AppendResult> broken = j.append(changed);
    changed.put("thing", new Object());
    List<Future<AppendResult>> rest = new ArrayList<>();
    for (int i = 1; i < SqliteEventJournal.GROUP_FULL; i++) {
      rest.add(j.append(event("home", "r" + i, "alarm.triggered")));
    }

    // THEN that group's appends fail, naming the file, and the next event is written
    assertThatThrownBy(() -> await(broken))
        .hasMessageContaining(SqliteEventJournal.FILE_NAME)
        .hasRootCauseInstanceOf(EncodeException.class);
    assertThatThrownBy(() -> await(rest.get(0))).hasMessageContaining("cannot write events");
    Future<AppendResult> next = j.append(event("home", "next", "alarm.triggered"));
    await(j.close());
    open.remove(j);
    assertThat(await(next).duplicate()).isFalse();
  }

  @Test
  void aSecondGatewayOnTheSameJournalIsRefused() {
    journal();
    assertThatThrownBy(() -> journal())
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(SqliteEventJournal.FILE_NAME)
        .hasMessageContaining("locked by another process");
  }

  @Test
  void aFullDiskFailsAppendsNamingTheFile() throws Exception {
    // GIVEN a journal whose file may not grow beyond a few pages (as a full disk)
    SqliteEventJournal j = journal(JournalOptions.defaults(), Clock.systemUTC(), 12);
    String filler = "x".repeat(4000);

    // WHEN events are appended until it is full
    Throwable failure = null;
    for (int i = 0; i < 100 && failure == null; i++) {
      JsonObject e = event("home", "e" + i, "x.y");
      e.getJsonObject("data").put("filler", filler);
      failure =
          j.append(e)
              .transform(ar -> Future.succeededFuture(ar.cause()))
              .toCompletionStage()
              .toCompletableFuture()
              .get(Patience.PATIENT_SECONDS, TimeUnit.SECONDS);
    }

    // THEN the append fails with the file and the cause
    assertThat(failure)
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(SqliteEventJournal.FILE_NAME)
        .hasMessageContaining("full");
  }

  /** A clock tests move by hand. */
  static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
