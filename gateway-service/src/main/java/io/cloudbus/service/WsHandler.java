package io.cloudbus.service;

import io.vertx.core.json.JsonObject;

/**
 * A custom handler of one {@code /ws/{resource}} connection (register with {@link
 * GatewayService#addWsHandler}). One instance per connection, so fields are per-connection state.
 *
 * <p>The service has already authenticated the client, counted it against the client cap and sent
 * {@code {"type":"welcome"}}. Frames that are not JSON objects, or larger than {@code
 * maxFrameBytes}, are answered with an error frame and never reach the handler. An exception thrown
 * by any method is logged and answered with {@code {"type":"error","error":{"code":
 * "handler_error",...}}}; the connection stays open and no other client notices. {@link
 * #onDisconnect} is called exactly once, even when {@link #onConnect} threw.
 *
 * <p>Threading: all methods run on the connection's event loop; they must not block.
 */
public interface WsHandler {

  /** The connection is open. Default: nothing. */
  default void onConnect(WsConnection connection) {}

  /** One client frame, parsed. */
  void onMessage(WsConnection connection, JsonObject message);

  /** The connection closed (either side). Default: nothing. */
  default void onDisconnect(WsConnection connection) {}
}
