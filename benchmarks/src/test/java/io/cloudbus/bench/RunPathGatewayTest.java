package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunPathGatewayTest {

  @Test
  void sumsEverySeriesOfTheCounterAndNothingElse() {
    // GIVEN a scrape with two series of the counter, a similar name and comments
    String body =
        "# HELP cloudbus_events_in_total Events received from the event bus\n"
            + "# TYPE cloudbus_events_in_total counter\n"
            + "cloudbus_events_in_total{account=\"home\",vendor=\"simplisafe\"} 1200.0\n"
            + "cloudbus_events_in_total{account=\"x\",vendor=\"pylight\"} 34.0\n"
            + "cloudbus_events_in_totally{a=\"b\"} 99.0\n"
            + "cloudbus_adapter_events_in{account=\"home\",vendor=\"simplisafe\"} 5000.0\n";

    // WHEN / THEN
    assertThat(RunPathGateway.sumCounter(body, "cloudbus_events_in_total")).isEqualTo(1234);
    assertThat(RunPathGateway.sumCounter("", "cloudbus_events_in_total")).isZero();
  }
}
