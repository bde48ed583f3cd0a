package io.cloudbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FileDescriptorExhaustionFilterTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final FileDescriptorExhaustionFilter filter =
      new FileDescriptorExhaustionFilter(now::get);

  private FilterReply log(Throwable t) {
    return filter.decide(null, null, Level.WARN, "accept failed", null, t);
  }

  @Test
  void oneExhaustionPerMinuteIsLogged() {
    IOException emfile = new IOException("Too many open files");
    // GIVEN a first failure: logged
    assertThat(log(emfile)).isEqualTo(FilterReply.NEUTRAL);
    // WHEN it repeats every second for 59 s: not logged
    for (int s = 1; s < 60; s++) {
      now.addAndGet(1_000_000_000L);
      assertThat(log(new RuntimeException("wrapped", emfile))).isEqualTo(FilterReply.DENY);
    }
    // THEN a minute after the first, one more line
    now.addAndGet(1_000_000_000L);
    assertThat(log(emfile)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(log(emfile)).isEqualTo(FilterReply.DENY);
  }

  @Test
  void otherEventsAreLeftAlone() {
    assertThat(log(new IOException("Too many open files"))).isEqualTo(FilterReply.NEUTRAL);
    assertThat(log(new IOException("Connection reset by peer"))).isEqualTo(FilterReply.NEUTRAL);
    assertThat(log(null)).isEqualTo(FilterReply.NEUTRAL);
    Object[] params = {"x", new IOException("Too many open files")};
    assertThat(filter.decide(null, null, Level.WARN, "{}", params, null))
        .isEqualTo(FilterReply.DENY);
  }
}
