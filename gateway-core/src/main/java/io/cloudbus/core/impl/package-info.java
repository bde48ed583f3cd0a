/**
 * Implementation of the cloudbus core: the auth base class and OAuth 2 / REST clients adapters
 * build on, and the small single-purpose parts {@link io.cloudbus.core.CloudSocket} is assembled
 * from (connection, backoff, keepalive, pending replies, traffic guard, pause buffer, handler
 * registry, publisher, deduplicator, stats, token stores).
 *
 * <p>Threading: the socket parts ({@code SocketConnection}, {@code Keepalive}, {@code
 * PendingReplies}, {@code TrafficGuard}, {@code PauseBuffer}) are confined to their socket's
 * event-loop context and are not thread-safe; {@code HandlerRegistry}, {@code EventPublisher},
 * {@code SocketStats}, the deduplicator, the clients and the token stores are thread-safe. Timers
 * always go through {@link io.cloudbus.core.util.TimerScheduler} so that tests capture delays
 * instead of sleeping.
 */
package io.cloudbus.core.impl;
