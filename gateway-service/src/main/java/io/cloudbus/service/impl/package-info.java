/**
 * The bridge service implementation. One verticle ({@code GatewayVerticle}) owns the HTTP server,
 * the TCP bridge and the bus consumers, so all state is confined to one event loop; the few maps
 * read from other threads (accounts, recent events, metrics) are concurrent.
 *
 * <p>Deliberate departures: the TCP bridge is our own connection handler speaking the {@code
 * vertx-tcp-eventbus-bridge} wire protocol, because the stock 5.0.8 bridge has no connection hooks,
 * no frame-size limit and unbounded writes to slow clients; and {@code ConnectionAbort} uses Vert.x
 * internals to drop a slow client whose close would otherwise wait behind its unread data.
 */
package io.cloudbus.service.impl;
