/**
 * The BTicino Classe 100X/300X adapter (Netatmo cloud): {@link
 * io.cloudbus.bticino.BticinoAdapterProvider} builds a {@link io.cloudbus.bticino.BticinoSocket}
 * with its {@link io.cloudbus.bticino.BticinoAuthHandler} from a {@link
 * io.cloudbus.bticino.BticinoConfig}. Mapping, call-session dedup, history catch-up and the REST
 * calls live in {@code impl}. See docs/adapters/bticino.md.
 */
package io.cloudbus.bticino;
