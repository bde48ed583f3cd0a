/**
 * The cloudbus adapter SPI and event model: the contract a vendor adapter implements and a consumer
 * relies on. Everything public here is API.
 *
 * <p>An adapter subclasses {@link io.cloudbus.core.CloudSocket} (hooks only: connect options,
 * handshake, message mapping, optional keepalive, catch-up, in-place re-authentication, request
 * correlation, upgrade-status classification, commands; asynchronous results go to its {@code
 * publish(List)}), implements authentication by extending {@link
 * io.cloudbus.core.auth.AbstractAuthHandler}, and registers an {@link
 * io.cloudbus.core.AdapterProvider} in {@code META-INF/services}. The helpers adapters build on are
 * API too: {@code io.cloudbus.core.auth} (auth base class, options, OAuth 2 client, PKCE), {@code
 * io.cloudbus.core.http} (REST client), {@code io.cloudbus.core.util} (timers, futures) and {@code
 * io.cloudbus.core.config} (the provider's self-description and the one path-aware configuration
 * reader). See docs/adapters/writing-an-adapter.md.
 *
 * <p>Threading: a socket's hooks run on its verticle's event-loop context and must not block; its
 * public methods may be called from any thread. Conventions: every I/O returns a Vert.x {@code
 * Future}; failures are {@link io.cloudbus.core.CloudbusException}s classified by {@link
 * io.cloudbus.core.FailureClass}; no secret appears in a log line, an exception message or a
 * status.
 *
 * <p>The engine behind {@code CloudSocket} (supervision, connection attempts, dispatch, commands)
 * lives in {@code io.cloudbus.core.impl} and may change without notice; it reaches the socket's
 * protected hooks through {@code impl.SocketHooks}, which {@code CloudSocket} implements with a
 * private adapter, so no hook is public.
 */
package io.cloudbus.core;
