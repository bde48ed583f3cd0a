package io.cloudbus.core;

import io.cloudbus.core.impl.SocketHooks;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Hands a {@link CloudSocket}'s protected hooks to the engine in {@code impl} without making them
 * public: only the socket creates it (same package), and it only forwards. Hands a socket's
 * protected hooks to the engine in {@code impl} without making them public: only {@link
 * CloudSocket} creates it (same package, so it may call the protected hooks), and it only forwards.
 */
final class CloudSocketHooks implements SocketHooks {

  private final CloudSocket socket;

  CloudSocketHooks(CloudSocket socket) {
    this.socket = socket;
  }

  /**
   * Whether {@code type} (a CloudSocket subclass) or a superclass below CloudSocket overrides it.
   */
  static boolean overridesRecentEvents(Class<?> type) {
    for (Class<?> c = type; c != null && c != CloudSocket.class; c = c.getSuperclass()) {
      try {
        c.getDeclaredMethod("recentEvents", AccessToken.class);
        return true;
      } catch (NoSuchMethodException notHere) {
        // look in the superclass
      }
    }
    return false;
  }

  @Override
  public Future<WebSocketConnectOptions> connectOptions(AccessToken token) {
    return socket.connectOptions(token);
  }

  @Override
  public String redactUri(String uri) {
    return socket.redactUri(uri);
  }

  @Override
  public Future<Void> handshake(SocketSession session, AccessToken token) {
    return socket.handshake(session, token);
  }

  @Override
  public List<CloudbusEvent> toEvents(JsonObject message) {
    return socket.toEvents(message);
  }

  @Override
  public KeepalivePolicy keepalive() {
    return socket.keepalive();
  }

  @Override
  public boolean hasHistory() {
    return socket.hasHistory();
  }

  @Override
  public Future<List<CloudbusEvent>> recentEvents(AccessToken token) {
    return socket.recentEvents(token);
  }

  @Override
  public Future<Boolean> refreshOnSocket(SocketSession session, AccessToken fresh) {
    return socket.refreshOnSocket(session, fresh);
  }

  @Override
  public ReplyCorrelation correlation() {
    return socket.correlation();
  }

  @Override
  public FailureClass classifyUpgradeStatus(int status) {
    return socket.classifyUpgradeStatus(status);
  }

  @Override
  public Future<JsonObject> handleCommand(JsonObject command) {
    return socket.handleCommand(command);
  }

  @Override
  public List<CommandAction> commandActions() {
    return socket.commandActions();
  }

  @Override
  public io.vertx.core.json.JsonArray devicesSnapshot() {
    return socket.devices().snapshot();
  }
}
