/**
 * The SimpliSafe adapter: {@link io.cloudbus.simplisafe.SimpliSafeAdapterProvider} builds a {@link
 * io.cloudbus.simplisafe.SimpliSafeSocket} (push socket hooks) with a {@link
 * io.cloudbus.simplisafe.SimpliSafeAuthHandler} (refresh-token auth) and {@link
 * io.cloudbus.simplisafe.SimpliSafeApi} (REST) from an account configuration ({@link
 * io.cloudbus.simplisafe.SimpliSafeConfig}); {@link io.cloudbus.simplisafe.SimpliSafeEventMapper}
 * normalizes events and {@link io.cloudbus.simplisafe.SimpliSafeLoginFlow} is the PKCE login
 * helper. See docs/adapters/simplisafe.md.
 */
package io.cloudbus.simplisafe;
