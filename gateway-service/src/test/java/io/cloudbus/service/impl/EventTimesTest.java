package io.cloudbus.service.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventTimesTest {

  @Test
  void agreesWithInstantParseOnInstantToStringOfEveryPrecision() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      // GIVEN an instant between 1970 and 2100 with 0, 3, 6 or 9 fraction digits
      long seconds = (long) (random.nextDouble() * 4_102_444_800L);
      int nanos = random.nextInt(1_000_000_000);
      switch (i % 4) {
        case 0 -> nanos = 0;
        case 1 -> nanos = nanos / 1_000_000 * 1_000_000;
        case 2 -> nanos = nanos / 1_000 * 1_000;
        default -> {}
      }
      String text = Instant.ofEpochSecond(seconds, nanos).toString();

      // THEN
      assertThat(EventTimes.epochMillis(text))
          .as(text)
          .isEqualTo(Instant.parse(text).toEpochMilli());
    }
  }

  @Test
  void otherFractionLengthsAndLeapDays() {
    for (String text :
        new String[] {
          "2024-02-29T23:59:59.1Z",
          "2024-02-29T00:00:00.12Z",
          "2026-11-22T02:27:45.6109Z",
          "2026-11-22T02:27:45.61095Z",
          "2026-11-22T02:27:45.6109515Z",
          "2026-11-22T02:27:45.61095154Z",
          "1969-12-31T23:59:59.999Z"
        }) {
      assertThat(EventTimes.epochMillis(text))
          .as(text)
          .isEqualTo(Instant.parse(text).toEpochMilli());
    }
  }

  @Test
  void uncommonShapesFallBackToTheJdk() {
    for (String text :
        new String[] {
          "2026-11-22T03:27:45+01:00", "2026-11-22t02:27:45Z", "+12026-11-22T02:27:45Z"
        }) {
      assertThat(EventTimes.epochMillis(text))
          .as(text)
          .isEqualTo(Instant.parse(text).toEpochMilli());
    }
  }

  @Test
  void invalidTimesFailLikeInstantParse() {
    for (String text :
        new String[] {
          "2026-02-30T00:00:00Z",
          "2026-13-01T00:00:00Z",
          "2026-11-22T02:27:45.1234567890Z",
          "2026-11-22T02:2x:45Z",
          "yesterday"
        }) {
      assertThatThrownBy(() -> EventTimes.epochMillis(text))
          .as(text)
          .isInstanceOf(DateTimeParseException.class);
    }
  }
}
