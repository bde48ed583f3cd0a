package io.cloudbus.service;

import io.vertx.core.Future;

/**
 * One open {@code /ws/{resource}} connection as seen by a {@link WsHandler}. Valid until closed;
 * sends after that fail (never throw).
 */
public interface WsConnection {

  /** A unique id for logs, e.g. {@code ws#12}. */
  String id();

  /** The {@code {resource}} path segment. */
  String resource();

  /** Whether the client's token has {@code role}; always true when no tokens are configured. */
  boolean hasRole(Role role);

  /**
   * Sends {@code message} as one JSON text frame: a {@code JsonObject}, {@code JsonArray}, {@code
   * Map}, {@code List}, record or bean (Jackson). Goes through the connection's bounded queue: a
   * client that cannot keep up is disconnected as slow. Fails when the object cannot be encoded or
   * the connection is closed.
   */
  Future<Void> send(Object message);

  /** Sends {@code {"type":"error","error":{"code":code,"message":message}}}. */
  Future<Void> sendError(String code, String message);

  /** Closes with a WebSocket status code and reason. */
  void close(short statusCode, String reason);
}
