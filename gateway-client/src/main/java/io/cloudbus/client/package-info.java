/**
 * A small synchronous client for a cloudbus service's {@code /ws/{resource}} endpoint, on the JDK's
 * {@code java.net.http} alone (no runtime dependency).
 *
 * <ul>
 *   <li>{@link io.cloudbus.client.WebSocket}: the browser's WebSocket API in Java ({@code onopen},
 *       {@code onmessage}, {@code onerror}, {@code onclose}, {@code readyState}, {@code send},
 *       {@code close}), with the delivery guarantees the Python nwebsocket lacks: nothing lost to a
 *       late handler, every failure ends CLOSED with error then close, a throwing handler does not
 *       kill the socket, a real closing handshake with a valid code, no thread left behind.
 *   <li>{@link io.cloudbus.client.CloudbusClient}: the cloudbus protocol on top (subscribe with a
 *       {@link io.cloudbus.client.Filter}, typed {@link io.cloudbus.client.Event}s and {@link
 *       io.cloudbus.client.Status}es, ping, error frames, tokens, reconnect with re-subscribe),
 *       push ({@code onEvent}) or pull ({@code poll}, {@code events()}).
 * </ul>
 *
 * <p>Logging goes through {@link java.lang.System.Logger} (names {@code
 * io.cloudbus.client.WebSocket} and {@code io.cloudbus.client.CloudbusClient}): lifecycle at INFO,
 * traffic at DEBUG, handler failures at WARNING; URLs are logged without their query, and tokens
 * never. Implementation classes live in {@code io.cloudbus.client.impl} and are not API.
 */
package io.cloudbus.client;
