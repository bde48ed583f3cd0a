package io.cloudbus.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.util.RepeatedFailures.Decision;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

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
