/**
 * API for an adapter's self-description and for reading configuration: {@link
 * io.cloudbus.core.config.ConfigDescription} (what an {@link io.cloudbus.core.AdapterProvider}
 * declares: its vendor names, its {@link io.cloudbus.core.config.ConfigField}s, its shipped
 * profiles and its {@link io.cloudbus.core.config.DemoAccount}s, as an openHAB binding declares a
 * {@code ConfigDescription}) and {@link io.cloudbus.core.config.ConfigReader}, the one path-aware
 * reader of typed JSON fields that the command line's validator and every adapter use.
 *
 * <p>Everything here is immutable and thread-safe except a {@code ConfigReader}, which is used by
 * one thread for one parse. Error messages name the full path ({@code accounts[2].refreshToken:
 * required}) and never contain a value.
 */
package io.cloudbus.core.config;
