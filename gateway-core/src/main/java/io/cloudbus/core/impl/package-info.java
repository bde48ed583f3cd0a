/**
 * The engine of the cloudbus core; not API, may change without notice. Adapters never import it.
 *
 * <p>{@link io.cloudbus.core.impl.SocketRuntime} assembles a started socket's engine; {@link
 * io.cloudbus.core.impl.SocketSupervisor} runs it (connection attempts via {@code ConnectAttempt},
 * failures via {@code FailureHandler} and {@code RetryPolicy}, outgoing admission via {@code
 * OutboundGate}, keepalive via {@code KeepaliveLink}, catch-up, token refresh on the socket) and
 * reaches the socket's protected hooks only through {@link io.cloudbus.core.impl.SocketHooks}. The
 * small parts it is assembled from: connection, backoff, keepalive, pending replies, traffic guard,
 * pause buffer, handler registry, publisher, deduplicator, stats, status, token stores.
 *
 * <p>Threading: the supervisor and the socket parts ({@code SocketConnection}, {@code Keepalive},
 * {@code PendingReplies}, {@code TrafficGuard}, {@code PauseBuffer}, {@code FailureHandler}, {@code
 * OutboundGate}) are confined to their socket's event-loop context and are not thread-safe; {@code
 * HandlerRegistry}, {@code EventPublisher}, {@code SocketStats}, the deduplicator and the token
 * stores are thread-safe.
 */
package io.cloudbus.core.impl;
