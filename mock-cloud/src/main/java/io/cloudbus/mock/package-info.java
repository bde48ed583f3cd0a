/**
 * The mock cloud: API and SPI. {@link io.cloudbus.mock.MockCloud} runs WireMock plus one Vert.x
 * server; each vendor is a {@link io.cloudbus.mock.VendorEmulation} installed through a {@link
 * io.cloudbus.mock.MockCloudContext}. The machinery (faults, tokens, sockets, stats, admin API)
 * lives in {@code io.cloudbus.mock.impl}; vendor emulations live in sub-packages named after the
 * vendor.
 */
package io.cloudbus.mock;
