package io.cloudbus.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

  @Test
  void sameTextAsInstantToString() {
    String[] samples = {
      "2026-12-07T04:00:00Z",
      "2026-12-07T04:00:00.100Z",
      "2026-12-07T04:00:00.001Z",
      "2026-12-07T04:00:00.000100Z",
      "2026-12-07T04:00:00.000001Z",
      "2026-12-07T04:00:00.000000001Z",
      "2026-12-07T04:00:00.120000001Z",
      "1970-01-01T00:00:00Z",
      "1969-12-31T23:59:59.999Z",
      "0001-01-01T00:00:00Z",
      "+10000-01-01T00:00:00.5Z",
      "-0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999999999Z",
      "2024-02-29T12:34:56.789Z"
    };
    for (String s : samples) {
      Instant t = Instant.parse(s);
      assertEquals(t.toString(), InstantText.format(t), s);
      // twice: the second time from the kept second
      assertEquals(t.toString(), InstantText.format(t), s);
    }
  }

  @Test
  void sameTextForRandomInstantsInAFewSeconds() {
    SplittableRandom random = new SplittableRandom(17);
    long base = Instant.parse("2026-12-07T04:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      int nano =
          switch (i % 4) {
            case 0 -> random.nextInt(1000) * 1_000_000;
            case 1 -> random.nextInt(1_000_000) * 1_000;
            case 2 -> random.nextInt(1_000_000_000);
            default -> 0;
          };
      Instant t = Instant.ofEpochSecond(base + random.nextInt(3), nano);
      assertEquals(t.toString(), InstantText.format(t));
    }
  }

  @Test
  void sameTextForEverySecondOfSomeDaysAndRandomOnesOverCenturies() {
    long base = Instant.parse("1969-12-30T00:00:00Z").getEpochSecond();
    for (long s = base; s < base + 3 * 86_400; s += 7) {
      Instant t = Instant.ofEpochSecond(s);
      assertEquals(t.toString(), InstantText.format(t));
    }
    SplittableRandom random = new SplittableRandom(4);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
      assertEquals(t.toString(), InstantText.format(t));
    }
  }
}
