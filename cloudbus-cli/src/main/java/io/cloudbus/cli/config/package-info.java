/**
 * The configuration of {@code cloudbus run}: {@link io.cloudbus.cli.config.ConfigLoader} parses
 * YAML or JSON, resolves {@code ${ENV}} references, validates every field (errors name the field,
 * never show a value) and builds a {@link io.cloudbus.cli.config.GatewayConfig}. See
 * docs/configuration.md.
 */
package io.cloudbus.cli.config;
