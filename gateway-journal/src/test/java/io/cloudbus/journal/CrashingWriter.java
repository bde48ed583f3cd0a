package io.cloudbus.journal;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.journal.JournalOptions;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A process that appends bursts of events to a journal forever and prints {@code committed <id>
 * <position>} for each answered append, until {@link JournalCrashIT} kills it with SIGKILL.
 */
public final class CrashingWriter {

  private CrashingWriter() {}

  public static void main(String[] args) throws Exception {
    SqliteEventJournal journal =
        SqliteEventJournal.open(Path.of(args[0]), JournalOptions.defaults());
    AtomicInteger next = new AtomicInteger();
    while (true) {
      CountDownLatch burst = new CountDownLatch(50);
      for (int i = 0; i < 50; i++) {
        String id = "e" + next.getAndIncrement();
        journal
            .append(CloudbusEvent.builder("pylight", "crash").id(id).name("x.y").build().toJson())
            .onComplete(
                ar -> {
                  if (ar.succeeded()) {
                    synchronized (System.out) {
                      System.out.println("committed " + id + " " + ar.result().position());
                      System.out.flush();
                    }
                  }
                  burst.countDown();
                });
      }
      burst.await();
    }
  }
}
