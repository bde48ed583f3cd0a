package io.cloudbus.core.impl;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.ReplyCorrelation;
import io.cloudbus.core.util.Futures;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a socket's synchronous hooks ({@link SocketHooks}) and its command hook so that a vendor
 * bug (an exception, a null) degrades to a logged default instead of breaking the supervisor.
 * Command replies continue on the socket's own context.
 */
final class SafeHooks {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  private final SocketHooks socket;
  private final Context context;

  SafeHooks(SocketHooks socket, Context context) {
    this.socket = socket;
    this.context = context;
  }

  /** The socket's correlation, or null when it has none or the hook throws. */
  ReplyCorrelation correlation(String ctx) {
    try {
      return socket.correlation();
    } catch (RuntimeException e) {
      LOG.warn("[{}] correlation() failed: {}", ctx, e.toString());
      return null;
    }
  }

  /** The socket's keepalive policy; {@link KeepalivePolicy#none()} when null or the hook throws. */
  KeepalivePolicy keepalive(String ctx) {
    try {
      KeepalivePolicy p = socket.keepalive();
      return p != null ? p : KeepalivePolicy.none();
    } catch (RuntimeException e) {
      LOG.warn("[{}] keepalive() failed: {}", ctx, e.toString());
      return KeepalivePolicy.none();
    }
  }

  /** The URI as the socket allows it to be logged; a placeholder when the hook fails. */
  String redactUri(String uri) {
    try {
      String redacted = socket.redactUri(uri);
      return redacted != null ? redacted : "(url hidden)";
    } catch (RuntimeException e) {
      return "(url hidden)";
    }
  }

  /**
   * Runs the command hook; the result ({@code {}} for null) or the failure, on the socket's own
   * context. A hook that throws fails the future.
   */
  io.vertx.core.Future<JsonObject> command(JsonObject command) {
    return Futures.continueOn(context, Futures.safe(() -> socket.handleCommand(command)))
        .map(r -> r == null ? new JsonObject() : r);
  }

  /** The socket's devices; empty when that fails. */
  io.vertx.core.json.JsonArray devices(String ctx) {
    try {
      return socket.devicesSnapshot();
    } catch (RuntimeException e) {
      LOG.warn("[{}] devices failed: {}", ctx, e.toString());
      return new io.vertx.core.json.JsonArray();
    }
  }

  /** The actions the socket declares; empty when the hook fails. */
  java.util.List<io.cloudbus.core.CommandAction> commandActions(String ctx) {
    try {
      java.util.List<io.cloudbus.core.CommandAction> actions = socket.commandActions();
      return actions == null ? java.util.List.of() : actions;
    } catch (RuntimeException e) {
      LOG.warn("[{}] commandActions() failed: {}", ctx, e.toString());
      return java.util.List.of();
    }
  }
}
