/**
 * The bridge service API: {@link io.cloudbus.service.GatewayService} (start, ports, URLs, attach
 * sockets, custom {@code /ws} handlers), its {@link io.cloudbus.service.ServiceOptions}, API tokens
 * and roles, and the {@link io.cloudbus.service.WsHandler} hook. The implementation lives in {@code
 * impl}. A library: the command line ({@code cloudbus-cli}) and cluster mode ({@code
 * gateway-cluster}) are modules that depend on it. Endpoints, frames and limits are described in
 * docs/service.md.
 */
package io.cloudbus.service;
