package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchTableTest {

  @Test
  void rendersPaddedMarkdown() {
    // GIVEN
    BenchTable table =
        new BenchTable("receiver", "events/s").row("gateway", "12,345").row("raw", 7);

    // WHEN
    String text = table.render();

    // THEN
    assertThat(text)
        .isEqualTo(
            "| receiver | events/s |\n"
                + "| -------- | -------- |\n"
                + "| gateway  | 12,345   |\n"
                + "| raw      | 7        |\n");
  }

  @Test
  void pipesInCellsDoNotBreakColumns() {
    String text = new BenchTable("a").row("x|y").render();

    assertThat(text).contains("| x/y |");
  }

  @Test
  void refusesRowsOfTheWrongWidth() {
    BenchTable table = new BenchTable("a", "b");

    assertThatThrownBy(() -> table.row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 cells")
        .hasMessageContaining("2 columns");
  }

  @Test
  void formatsCountsAndMillis() {
    assertThat(BenchTable.count(123_456.7)).isEqualTo("123,457");
    assertThat(BenchTable.millis(1_254_000)).isEqualTo("1.25");
  }
}
