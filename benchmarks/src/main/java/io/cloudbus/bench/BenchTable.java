package io.cloudbus.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table of results, printed as Markdown (so that it can be pasted into
 * docs/benchmarks.md as is): a header row, a separator, then one row per measurement, columns
 * padded to their widest cell. Not thread-safe.
 */
public final class BenchTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public BenchTable(String... header) {
    if (header.length == 0) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    this.header = List.of(header);
  }

  /**
   * Adds a row.
   *
   * @throws IllegalArgumentException when the number of cells is not the number of columns
   */
  public BenchTable row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(String.valueOf(c).replace("|", "/"));
    }
    rows.add(row);
    return this;
  }

  /** The number of rows added. */
  public int size() {
    return rows.size();
  }

  /** The table as Markdown lines joined with {@code \n}, ending with a newline. */
  public String render() {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = Math.max(3, header.get(i).length());
      for (List<String> row : rows) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, width);
    out.append('|');
    for (int w : width) {
      out.append(' ').append("-".repeat(w)).append(" |");
    }
    out.append('\n');
    for (List<String> row : rows) {
      line(out, row, width);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] width) {
    out.append('|');
    for (int i = 0; i < width.length; i++) {
      String c = cells.get(i);
      out.append(' ').append(c).append(" ".repeat(width[i] - c.length())).append(" |");
    }
    out.append('\n');
  }

  /** {@code value} with thousands separators and no decimals, e.g. {@code 123,457}. */
  public static String count(double value) {
    return String.format(java.util.Locale.ROOT, "%,.0f", value);
  }

  /** Nanoseconds as milliseconds with two decimals, e.g. {@code 1.25}. */
  public static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1_000_000.0);
  }
}
