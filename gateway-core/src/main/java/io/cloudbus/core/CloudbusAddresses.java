package io.cloudbus.core;

/**
 * The event bus addresses and message headers of the cloudbus contract (docs/architecture.md).
 *
 * <p>Every normalized event is published to {@link #EVENTS} and to {@link #events(String, String)};
 * every connection state change to {@link #STATUS}. Commands for an account are request/reply on
 * {@link #command(String, String)}.
 */
public final class CloudbusAddresses {

  /** Every normalized event, published. */
  public static final String EVENTS = "cloudbus.events";

  /** Connection state changes of every account, published. */
  public static final String STATUS = "cloudbus.status";

  /** Prefix of the per-account command addresses (request/reply). */
  public static final String COMMAND_PREFIX = "cloudbus.command.";

  /** Header naming the vendor of a published message. */
  public static final String HEADER_VENDOR = "vendor";

  /** Header naming the account of a published message. */
  public static final String HEADER_ACCOUNT = "account";

  /** Header naming the message type: the CloudEvents type, or {@code status}. */
  public static final String HEADER_TYPE = "type";

  /**
   * Header of a published event that was journaled: its journal position, a decimal {@code long}
   * strictly increasing per journal (see {@link io.cloudbus.core.journal.EventJournal}). Absent
   * when the socket has no journal or the append failed.
   */
  public static final String HEADER_POSITION = "position";

  /**
   * Header beside {@link #HEADER_POSITION}: the {@link io.cloudbus.core.journal.EventJournal#id()}
   * the position belongs to.
   */
  public static final String HEADER_JOURNAL = "journal";

  private CloudbusAddresses() {}

  /** The address of one account's events: {@code cloudbus.events.<vendor>.<account>}. */
  public static String events(String vendor, String account) {
    return EVENTS + "." + vendor + "." + account;
  }

  /** The command address of one account: {@code cloudbus.command.<vendor>.<account>}. */
  public static String command(String vendor, String account) {
    return COMMAND_PREFIX + vendor + "." + account;
  }
}
