package io.cloudbus.core.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.ReplyCorrelation;
import io.cloudbus.core.SocketSession;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The engine's view of a {@link CloudSocket}'s protected hooks. {@code CloudSocket} implements it
 * with a private adapter that only forwards, so that the hooks stay protected (a vendor subclass
 * overrides them; nothing outside the socket and its engine calls them). Each method has the
 * contract of the hook of the same name on {@code CloudSocket}.
 *
 * <p>Called on the socket's event-loop context only. The engine guards every call: a synchronous
 * hook that throws or returns null degrades to a logged default ({@link SafeHooks}), an
 * asynchronous one runs through {@link io.cloudbus.core.util.Futures#safe}.
 */
public interface SocketHooks {

  /** See {@code CloudSocket#connectOptions(AccessToken)}. */
  Future<WebSocketConnectOptions> connectOptions(AccessToken token);

  /** See {@code CloudSocket#redactUri(String)}. */
  String redactUri(String uri);

  /** See {@code CloudSocket#handshake(SocketSession, AccessToken)}. */
  Future<Void> handshake(SocketSession session, AccessToken token);

  /** See {@code CloudSocket#toEvents(JsonObject)}. */
  List<CloudbusEvent> toEvents(JsonObject message);

  /** See {@code CloudSocket#keepalive()}. */
  KeepalivePolicy keepalive();

  /** See {@code CloudSocket#hasHistory()}. */
  boolean hasHistory();

  /** See {@code CloudSocket#recentEvents(AccessToken)}. */
  Future<List<CloudbusEvent>> recentEvents(AccessToken token);

  /** See {@code CloudSocket#refreshOnSocket(SocketSession, AccessToken)}. */
  Future<Boolean> refreshOnSocket(SocketSession session, AccessToken fresh);

  /** See {@code CloudSocket#correlation()}. */
  ReplyCorrelation correlation();

  /** See {@code CloudSocket#classifyUpgradeStatus(int)}. */
  FailureClass classifyUpgradeStatus(int status);

  /** See {@code CloudSocket#handleCommand(JsonObject)}. */
  Future<JsonObject> handleCommand(JsonObject command);

  /** See {@code CloudSocket#commandActions()}. */
  default List<io.cloudbus.core.CommandAction> commandActions() {
    return List.of();
  }

  /** The socket's devices ({@code CloudSocket#devices()}), for the {@code devices} command. */
  default io.vertx.core.json.JsonArray devicesSnapshot() {
    return new io.vertx.core.json.JsonArray();
  }
}
