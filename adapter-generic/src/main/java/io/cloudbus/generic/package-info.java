/**
 * The generic adapter: one {@link io.cloudbus.generic.GenericCloudSocket} driven by a {@link
 * io.cloudbus.generic.VendorProfile} (YAML or JSON) for any JSON WebSocket cloud. The shipped
 * profiles {@code home-assistant} and {@code pylight} are resources, not code: they are the proof
 * that the core SPI is complete. {@link io.cloudbus.generic.GenericAdapterProvider} builds sockets
 * from account configs ({@code "adapter":"generic"}); {@link io.cloudbus.generic.HomeAssistant} is
 * a thin Java facade over the profile's commands. The profile language (templates, matchers, rules)
 * lives in {@code impl}; docs/adapters/generic.md describes every field.
 */
package io.cloudbus.generic;
