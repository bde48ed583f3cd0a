package io.cloudbus.client.impl;

import static io.cloudbus.client.Patience.PATIENT;
import static io.cloudbus.client.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InboxTest {

  private static Thread producer(Inbox<String> inbox, String item) {
    Thread t =
        new Thread(
            () -> {
              try {
                inbox.put(item);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    return t;
  }

  @Test
  void putWaitsWhileFullAndResumesWhenAnItemIsTaken() throws Exception {
    Inbox<String> inbox = new Inbox<>(2);
    inbox.put("a");
    inbox.put("b");
    // WHEN a third put comes to a full inbox
    Thread third = producer(inbox, "c");
    // THEN it waits (nothing is dropped or overwritten)
    await().atMost(PATIENT).until(() -> third.getState() == Thread.State.WAITING);
    assertThat(inbox.size()).isEqualTo(2);
    // AND it goes in once an item is taken
    assertThat(inbox.poll(100, TimeUnit.MILLISECONDS)).isEqualTo("a");
    third.join(PATIENT.toMillis());
    assertThat(third.isAlive()).isFalse();
    assertThat(inbox.pollNow()).isEqualTo("b");
    assertThat(inbox.pollNow()).isEqualTo("c");
    assertThat(inbox.pollNow()).isNull();
  }

  @Test
  void releaseUnblocksProducers() throws Exception {
    Inbox<String> inbox = new Inbox<>(1);
    inbox.put("a");
    Thread second = producer(inbox, "b");
    await().atMost(PATIENT).until(() -> second.getState() == Thread.State.WAITING);
    inbox.release();
    second.join(PATIENT.toMillis());
    assertThat(second.isAlive()).isFalse();
    assertThat(inbox.size()).isEqualTo(2);
  }

  @Test
  void dropOldestCountsWhatItEvicts() {
    Inbox<Integer> inbox = new Inbox<>(2);
    for (int i = 1; i <= 5; i++) {
      inbox.offerDroppingOldest(i);
    }
    assertThat(inbox.dropped()).isEqualTo(3);
    assertThat(inbox.pollNow()).isEqualTo(4);
    assertThat(inbox.pollNow()).isEqualTo(5);
  }

  @Test
  void afterFinishPollsDrainThenReturnNullAtOnce() throws Exception {
    Inbox<String> inbox = new Inbox<>(5);
    inbox.put("last");
    inbox.finish();
    assertThat(inbox.isDrained()).isFalse();
    assertThat(inbox.poll(PATIENT_SECONDS, TimeUnit.SECONDS)).isEqualTo("last");
    // a poll that waited for its timeout would hit the class @Timeout instead: no clock needed
    assertThat(inbox.poll(1, TimeUnit.DAYS)).isNull();
    assertThat(inbox.isDrained()).isTrue();
  }

  @Test
  void aWaitingPollWakesOnFinish() throws Exception {
    Inbox<String> inbox = new Inbox<>(5);
    CompletableFuture<String> polled =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return inbox.poll(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    inbox.finish();
    assertThat(polled.get(PATIENT_SECONDS, TimeUnit.SECONDS)).isNull();
  }
}
