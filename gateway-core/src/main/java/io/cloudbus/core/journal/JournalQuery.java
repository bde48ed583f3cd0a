package io.cloudbus.core.journal;

import java.time.Instant;

/**
 * What {@link EventJournal#read} returns: filters, bounds, order and page size. Immutable; build
 * with {@link #builder()}. Every filter is optional (null = any).
 *
 * <ul>
 *   <li>{@code vendor}, {@code account}: exact matches of the event's extension attributes;
 *   <li>{@code typePrefix}: a prefix of the CloudEvents {@code type} ({@code io.cloudbus.alarm.});
 *   <li>{@code since} (inclusive), {@code until} (exclusive): the time the event was journaled;
 *   <li>{@code afterPosition}: only positions above it (exclusive; 0 = from the start);
 *   <li>{@code order}: {@link Order#NEWEST_FIRST} (default, for listings) or {@link
 *       Order#OLDEST_FIRST} (for replays);
 *   <li>{@code limit}: page size, 1 to {@link #MAX_LIMIT} (default {@link #DEFAULT_LIMIT});
 *   <li>{@code cursor}: the {@link JournalPage#next()} of the previous page of the same query.
 * </ul>
 */
public final class JournalQuery {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  /** The order of a page. */
  public enum Order {
    NEWEST_FIRST('n'),
    OLDEST_FIRST('o');

    private final char tag;

    Order(char tag) {
      this.tag = tag;
    }
  }

  private final String vendor;
  private final String account;
  private final String typePrefix;
  private final Instant since;
  private final Instant until;
  private final long afterPosition;
  private final Order order;
  private final int limit;
  private final long cursorPosition;

  private JournalQuery(Builder b) {
    if (b.limit < 1 || b.limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: must be 1 to " + MAX_LIMIT + ", was " + b.limit);
    }
    if (b.afterPosition < 0) {
      throw new IllegalArgumentException("afterPosition: must be >= 0, was " + b.afterPosition);
    }
    if (b.order == null) {
      throw new IllegalArgumentException("order: must not be null");
    }
    this.vendor = b.vendor;
    this.account = b.account;
    this.typePrefix = b.typePrefix;
    this.since = b.since;
    this.until = b.until;
    this.afterPosition = b.afterPosition;
    this.order = b.order;
    this.limit = b.limit;
    this.cursorPosition = parseCursor(b.cursor, b.order);
  }

  private static long parseCursor(String cursor, Order order) {
    if (cursor == null) {
      return -1;
    }
    if (cursor.length() < 2 || cursor.length() > 20 || cursor.charAt(0) != order.tag) {
      throw new IllegalArgumentException("cursor: not a cursor of this query's order");
    }
    try {
      long p = Long.parseLong(cursor.substring(1));
      if (p < 0) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cursor: not a cursor of this query's order");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public String vendor() {
    return vendor;
  }

  public String account() {
    return account;
  }

  public String typePrefix() {
    return typePrefix;
  }

  public Instant since() {
    return since;
  }

  public Instant until() {
    return until;
  }

  public long afterPosition() {
    return afterPosition;
  }

  public Order order() {
    return order;
  }

  public int limit() {
    return limit;
  }

  /** Positions must be above this (exclusive): {@code afterPosition} and an oldest-first cursor. */
  public long lowerBoundExclusive() {
    return order == Order.OLDEST_FIRST && cursorPosition > afterPosition
        ? cursorPosition
        : afterPosition;
  }

  /** Positions must be below this (exclusive): a newest-first cursor, else {@code MAX_VALUE}. */
  public long upperBoundExclusive() {
    return order == Order.NEWEST_FIRST && cursorPosition >= 0 ? cursorPosition : Long.MAX_VALUE;
  }

  /** The cursor of the page after one whose last entry has {@code lastPosition}. */
  public String cursorAfter(long lastPosition) {
    return order.tag + Long.toString(lastPosition);
  }

  /** Whether an entry passes the filters and bounds (for journals that filter in Java). */
  public boolean matches(JournalEntry entry) {
    long p = entry.position();
    if (p <= lowerBoundExclusive() || p >= upperBoundExclusive()) {
      return false;
    }
    if (since != null && entry.journaledAt().isBefore(since)) {
      return false;
    }
    if (until != null && !entry.journaledAt().isBefore(until)) {
      return false;
    }
    var e = entry.event();
    if (vendor != null && !vendor.equals(e.getValue("vendor"))) {
      return false;
    }
    if (account != null && !account.equals(e.getValue("account"))) {
      return false;
    }
    return typePrefix == null
        || (e.getValue("type") instanceof String t && t.startsWith(typePrefix));
  }

  /** A mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private String vendor;
    private String account;
    private String typePrefix;
    private Instant since;
    private Instant until;
    private long afterPosition;
    private Order order = Order.NEWEST_FIRST;
    private int limit = DEFAULT_LIMIT;
    private String cursor;

    private Builder() {}

    public Builder vendor(String vendor) {
      this.vendor = vendor;
      return this;
    }

    public Builder account(String account) {
      this.account = account;
      return this;
    }

    public Builder typePrefix(String typePrefix) {
      this.typePrefix = typePrefix;
      return this;
    }

    public Builder since(Instant since) {
      this.since = since;
      return this;
    }

    public Builder until(Instant until) {
      this.until = until;
      return this;
    }

    public Builder afterPosition(long afterPosition) {
      this.afterPosition = afterPosition;
      return this;
    }

    public Builder order(Order order) {
      this.order = order;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /** The {@link JournalPage#next()} of the previous page; null for the first page. */
    public Builder cursor(String cursor) {
      this.cursor = cursor;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the field: a limit out of range, a negative
     *     afterPosition, a cursor of another order or not a cursor at all
     */
    public JournalQuery build() {
      return new JournalQuery(this);
    }
  }
}
