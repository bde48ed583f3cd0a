/**
 * The bridge service API: {@link io.cloudbus.service.GatewayService} (start, ports, URLs, attach
 * sockets, custom {@code /ws} handlers), its {@link io.cloudbus.service.ServiceOptions}, API tokens
 * and roles, and the {@link io.cloudbus.service.WsHandler} hook. The implementation lives in {@code
 * impl}; the command line in {@code io.cloudbus.cli}. Endpoints, frames and limits are described in
 * docs/service.md.
 */
package io.cloudbus.service;
