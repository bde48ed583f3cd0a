package io.cloudbus.webhooks;

import static io.cloudbus.webhooks.Patience.PATIENT;
import static io.cloudbus.webhooks.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.journal.SqliteEventJournal;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks fed from a real SQLite journal: a receiver that is down while the gateway restarts and
 * events keep coming gets every event once, in order per account, signed; a restart after the
 * receiver acknowledged sends nothing twice; a new webhook starts at the live end.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebhookReplayIT {

  static final String SECRET = WebhookOutputIT.SECRET;

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final VerifyingReceiver receiver = new VerifyingReceiver(SECRET);
  private SqliteEventJournal journal;
  private WebhookOutput output;

  @AfterEach
  void close() throws Exception {
    stopGateway();
    receiver.close();
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private void stopGateway() throws Exception {
    if (output != null) {
      output.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
      output = null;
    }
    if (journal != null) {
      journal.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
      journal = null;
    }
  }

  private void startGateway(int port, Instant liveFrom) throws Exception {
    journal = SqliteEventJournal.open(dir, JournalOptions.defaults());
    output =
        WebhookOutput.start(vertx, List.of(options(port, "alarms")), journal, liveFrom)
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  private static WebhookOptions options(int port, String name) {
    return WebhookOptions.fromJson(
        new JsonObject()
            .put("name", name)
            .put("url", "http://127.0.0.1:" + port + "/hook")
            .put("secret", SECRET)
            .put("retryInitialDelayMs", 50)
            .put("retryMaxDelayMs", 300)
            .put("maxAttempts", 100_000));
  }

  /** What a socket does: journal the event, then publish it with its position. */
  private void journalAndPublish(String account, String id) throws Exception {
    JsonObject event = WebhookOutputIT.event(account, "alarm.triggered", id);
    long position = journal.append(event).await(PATIENT_SECONDS, TimeUnit.SECONDS).position();
    if (output != null) {
      vertx
          .eventBus()
          .publish(
              CloudbusAddresses.EVENTS,
              event,
              new DeliveryOptions()
                  .addHeader(CloudbusAddresses.HEADER_POSITION, Long.toString(position))
                  .addHeader(CloudbusAddresses.HEADER_JOURNAL, journal.id()));
    }
  }

  private long stat(String name) {
    return output.stats().getJsonObject(0).getLong(name);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aReceiverDownAcrossAGatewayRestartGetsEveryEventOnceInOrder() throws Exception {
    // GIVEN a gateway whose webhook receiver is down, with events of two accounts journaled
    int port = freePort();
    startGateway(port, Instant.now());
    List<String> home = new ArrayList<>();
    List<String> office = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      journalAndPublish("home", "h" + i);
      home.add("h" + i);
      if (i % 2 == 0) {
        journalAndPublish("office", "o" + i);
        office.add("o" + i);
      }
    }
    await().atMost(PATIENT).until(() -> stat("retries") >= 2);
    assertThat(stat("backlog")).isPositive();

    // WHEN the gateway stops, events are journaled while its output is down (a catch-up at
    // start), it starts again, more events come, and only then the receiver comes up
    stopGateway();
    journal = SqliteEventJournal.open(dir, JournalOptions.defaults());
    journalAndPublish("home", "h5");
    journalAndPublish("office", "o5");
    journal.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    home.add("h5");
    office.add("o5");
    startGateway(port, Instant.now());
    journalAndPublish("home", "h6");
    home.add("h6");
    receiver.listen(vertx, port);

    // THEN every event arrives once, signed, in order per account
    await().atMost(PATIENT).until(() -> receiver.received().size() >= home.size() + office.size());
    assertThat(receiver.ids("home")).containsExactlyElementsOf(home);
    assertThat(receiver.ids("office")).containsExactlyElementsOf(office);
    assertThat(receiver.badSignatures()).isZero();
    await().atMost(PATIENT).until(() -> stat("pending") == 0 && stat("backlog") == 0);
    assertThat(stat("delivered")).isEqualTo(home.size() + office.size());
    assertThat(stat("lastSuccess")).isPositive();

    // AND a restart after the receiver acknowledged everything sends nothing twice
    stopGateway();
    startGateway(port, Instant.now());
    assertThat(journal.cursors().load("webhook:alarms").await(PATIENT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(journal.latestPosition().await(PATIENT_SECONDS, TimeUnit.SECONDS));
    journalAndPublish("home", "h7");
    home.add("h7");
    await().atMost(PATIENT).until(() -> receiver.ids("home").size() == home.size());
    assertThat(receiver.ids("home")).containsExactlyElementsOf(home);
    assertThat(receiver.received()).hasSize(home.size() + office.size());
  }

  @Test
  void aNewWebhookStartsAtTheLiveEndNotTheHistory() throws Exception {
    // GIVEN a journal that already holds events
    journal = SqliteEventJournal.open(dir, JournalOptions.defaults());
    journalAndPublish("home", "old1");
    journalAndPublish("home", "old2");
    Instant liveFrom = Instant.now().plusMillis(1);
    await().atMost(PATIENT).until(() -> Instant.now().isAfter(liveFrom));

    // WHEN a new webhook starts with that journal and an event comes
    receiver.listen(vertx, 0);
    output =
        WebhookOutput.start(
                vertx, List.of(options(receiver.port(), "fresh")), (EventJournal) journal, liveFrom)
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    journalAndPublish("home", "new1");

    // THEN only the new event is delivered
    await().atMost(PATIENT).until(() -> stat("delivered") == 1);
    assertThat(receiver.ids("home")).containsExactly("new1");
  }

  @Test
  void twoWebhooksWithOneNameAreRefused() throws Exception {
    journal = SqliteEventJournal.open(dir, JournalOptions.defaults());
    Throwable err =
        WebhookOutput.start(vertx, List.of(options(1, "same"), options(2, "same")), journal, null)
            .transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause()))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    assertThat(err)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("webhooks: two webhooks named same (set a distinct name on each)");
  }

  @Test
  void aDeadLetteredEventMovesTheCursorOnAndIsNotSentAgainAfterARestart() throws Exception {
    // GIVEN a receiver that refuses one event with 400
    receiver.refuse("bad").listen(vertx, 0);
    startGateway(receiver.port(), Instant.now());
    journalAndPublish("home", "bad");
    journalAndPublish("home", "good");
    await().atMost(PATIENT).until(() -> stat("delivered") == 1 && stat("deadLetters") == 1);

    // WHEN the gateway restarts and one more event comes
    stopGateway();
    startGateway(receiver.port(), Instant.now());
    journalAndPublish("home", "after");

    // THEN the refused event was tried once only, and the others arrived once, in order
    await().atMost(PATIENT).until(() -> receiver.ids("home").size() == 2);
    assertThat(receiver.ids("home")).containsExactly("good", "after");
    assertThat(receiver.attempts()).containsExactly("bad", "good", "after");
  }
}
