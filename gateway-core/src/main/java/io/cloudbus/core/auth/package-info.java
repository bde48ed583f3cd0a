/**
 * API for an adapter's authentication: {@link io.cloudbus.core.auth.AbstractAuthHandler} (the base
 * class of every vendor auth handler: single-flight login and refresh, proactive refresh, token
 * store), its settings {@link io.cloudbus.core.auth.AuthOptions}, the OAuth 2 token endpoint client
 * {@link io.cloudbus.core.auth.OAuth2Client} and {@link io.cloudbus.core.auth.Pkce}.
 *
 * <p>Threading: an auth handler is created on its socket's event-loop context and keeps its timers
 * and futures there; its public methods may be called from any thread. The clients are thread-safe;
 * every I/O returns a Vert.x {@code Future} failed with a classified {@link
 * io.cloudbus.core.CloudbusException}.
 */
package io.cloudbus.core.auth;
