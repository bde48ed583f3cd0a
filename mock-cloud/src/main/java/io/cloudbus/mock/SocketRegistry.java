package io.cloudbus.mock;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;

/**
 * The open push sockets of one vendor. A socket enters when its upgrade is accepted and leaves when
 * it closes. Use on the mock cloud's context only.
 */
public interface SocketRegistry {

  /** A snapshot of the open sockets, oldest first. */
  List<MockSocket> all();

  /** A snapshot of the open sockets matching {@code filter}. */
  List<MockSocket> matching(Predicate<MockSocket> filter);

  /** The number of open sockets. */
  int size();

  /**
   * {@link MockSocket#push(JsonObject) Pushes} {@code event} to every open socket matching {@code
   * filter}.
   *
   * @return the number of sockets it was written to
   */
  int push(JsonObject event, Predicate<MockSocket> filter);

  /** {@link #push(JsonObject, Predicate)} to every open socket. */
  default int pushAll(JsonObject event) {
    return push(event, s -> true);
  }

  /**
   * Drops every open socket of this vendor.
   *
   * @param code the close code for {@link DisconnectMode#CLOSE} (ignored for abort)
   * @return the number of sockets dropped
   */
  int disconnect(DisconnectMode mode, int code);
}
