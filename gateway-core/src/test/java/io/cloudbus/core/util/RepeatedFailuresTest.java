package io.cloudbus.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cloudbus.core.util.RepeatedFailures.Decision;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RepeatedFailuresTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final RepeatedFailures failures = new RepeatedFailures(now::get);

  private void after(long seconds) {
    now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void theSameFailureWarnsOnceAMinuteWithTheCountOfThoseInBetween() {
    String refused = "TRANSIENT [pylight/p] WebSocket upgrade refused with HTTP 404";
    assertThat(failures.failed(refused)).isEqualTo(new Decision(true, 0));
    for (int i = 1; i <= 11; i++) {
      after(5);
      assertThat(failures.failed(refused)).isEqualTo(new Decision(false, i));
    }
    after(5); // 60 s after the first warning
    assertThat(failures.failed(refused)).isEqualTo(new Decision(true, 11));
    after(5);
    assertThat(failures.failed(refused)).isEqualTo(new Decision(false, 1));
  }

  @Test
  void theLogLinesAreWarningsWithTheCountAndDebugInBetween() {
    Logger logger = (Logger) LoggerFactory.getLogger("repeated-failures-test");
    logger.setLevel(Level.DEBUG);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      failures.log(logger, "refused", "[p#1] refused {literally}");
      after(30);
      failures.log(logger, "refused", "[p#2] refused {literally}");
      after(30);
      failures.log(logger, "refused", "[p#3] refused {literally}");
    } finally {
      logger.detachAppender(lines);
    }
    assertThat(lines.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Level.WARN, "[p#1] refused {literally}"),
            org.assertj.core.groups.Tuple.tuple(Level.DEBUG, "[p#2] refused {literally}"),
            org.assertj.core.groups.Tuple.tuple(
                Level.WARN, "[p#3] refused {literally} (1 more like it since the last warning)"));
  }

  @Test
  void anotherFailureWarnsAtOnceAndStartsItsOwnCount() {
    failures.failed("TRANSIENT refused 404");
    after(1);
    failures.failed("TRANSIENT refused 404");
    after(1);
    assertThat(failures.failed("AUTH the server refused the token"))
        .isEqualTo(new Decision(true, 0));
    after(1);
    assertThat(failures.failed("TRANSIENT refused 404")).isEqualTo(new Decision(true, 0));
    after(1);
    assertThat(failures.failed("TRANSIENT refused 404")).isEqualTo(new Decision(false, 1));
  }
}
