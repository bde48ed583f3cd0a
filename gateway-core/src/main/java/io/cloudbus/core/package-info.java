/**
 * The cloudbus adapter SPI and event model: the contract a vendor adapter implements and a consumer
 * relies on.
 *
 * <p>An adapter subclasses {@link io.cloudbus.core.CloudSocket} (hooks only: connect options,
 * handshake, message mapping, optional keepalive, catch-up, in-place re-authentication, request
 * correlation, upgrade-status classification, commands) and implements authentication by extending
 * {@link io.cloudbus.core.auth.AbstractAuthHandler}. The base classes own lifecycle, supervision
 * with per-failure-class backoff, keepalive, state, dedup, pause, traffic guard and publishing; see
 * docs/architecture.md.
 *
 * <p>Conventions: every I/O returns a Vert.x {@code Future}; failures are {@link
 * io.cloudbus.core.CloudbusException}s classified by {@link io.cloudbus.core.FailureClass}; no
 * secret appears in a log line, an exception message or a status. Implementation classes live in
 * {@code io.cloudbus.core.impl} and may change without notice, except the documented base classes
 * and clients ({@code AbstractAuthHandler}, {@code AuthOptions}, {@code OAuth2Client}, {@code
 * RestClient}, {@code Pkce}, {@code TimerScheduler}).
 *
 * <p>One implementation class lives here rather than in {@code impl}: the package-private {@code
 * SocketSupervisor}, the engine behind {@code CloudSocket} (connection attempts, supervision,
 * dispatch, commands). It must call the socket's protected hooks, which only the same package can;
 * keeping it here lets {@code CloudSocket} stay a readable SPI-plus-API class.
 */
package io.cloudbus.core;
