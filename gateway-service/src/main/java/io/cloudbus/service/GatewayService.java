package io.cloudbus.service;

import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.Registration;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.service.impl.GatewayServiceImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The bridge service: one HTTP server (dashboard, SockJS event bus bridge at {@code /eventbus/*},
 * plain WebSocket {@code /ws/{resource}}, {@code /health}, {@code /metrics}, {@code /api/*}) and a
 * TCP event bus bridge on its own port. It works on the event bus contract only ({@code
 * cloudbus.events*}, {@code cloudbus.status}, {@code cloudbus.command.*}), so the account sockets
 * may be deployed anywhere in the (clustered) Vert.x instance. See docs/service.md.
 *
 * <p>Threading: methods may be called from any thread. The service runs on the event loop of the
 * context that called {@link #start}, or a fresh one.
 */
public interface GatewayService {

  /**
   * Header a cluster node adds to the {@code cloudbus.status} messages it publishes (its node
   * name); the service shows it as the account's {@code node} field. Absent without a cluster.
   */
  String NODE_HEADER = "cloudbus-node";

  /**
   * Starts the servers. Fails (nothing left listening) when a port is taken, the TLS files cannot
   * be read, or the options are inconsistent; fails at once with an {@link IllegalStateException}
   * when the host is not a loopback address (see {@link BindAddress#isLoopback}) and no token is
   * configured, unless {@link ServiceOptions#insecureNoAuth()}. Without tokens every client has the
   * {@code read} role only (no commands on any transport); see docs/security.md.
   *
   * @param vertx the instance whose event bus carries the events; for Vert.x's own meters in {@code
   *     /metrics} create it with {@link ServiceVertx#create()}
   */
  static Future<GatewayService> start(Vertx vertx, ServiceOptions options) {
    return GatewayServiceImpl.start(vertx, options);
  }

  /**
   * As {@link #start(Vertx, ServiceOptions)}, with {@code journal} as the service's journal (the
   * caller keeps it and closes it after the service). Sockets deployed in this process should use
   * the same journal ({@link CloudSocket#useJournal}), so that each event is journaled once.
   */
  static Future<GatewayService> start(Vertx vertx, ServiceOptions options, EventJournal journal) {
    return GatewayServiceImpl.start(vertx, options, journal, false);
  }

  /**
   * The journal behind {@code /api/events} and every resume: each event the service receives from
   * the bus is in it (appended by a local socket, or by the service itself for events from
   * elsewhere), with its position. Hand it to the sockets of this process with {@link
   * CloudSocket#useJournal} before deploying them.
   */
  EventJournal journal();

  /** The actual HTTP port (useful with port 0). */
  int httpPort();

  /** The actual TCP bridge port, or -1 when the TCP bridge is disabled. */
  int tcpPort();

  /**
   * Every URL of the service by name, in display order: {@code dashboard}, {@code eventbus}
   * (SockJS), {@code ws}, {@code tcp}, {@code health}, {@code metrics}, {@code accounts}, {@code
   * events}. Host {@code localhost} when bound to a wildcard address. Never contains a token.
   */
  Map<String, String> urls();

  /** The settings the service runs with. */
  ServiceOptions options();

  /**
   * Registers a local socket: it appears in {@code /health} and {@code /api/accounts} at once
   * (state from {@link CloudSocket#status()}), even before it publishes a status. Sockets deployed
   * elsewhere are known from {@code cloudbus.status} alone. The registration removes the account.
   */
  Registration attach(CloudSocket socket);

  /** {@code [{vendor, account, state, since}]}, sorted by vendor then account. */
  List<JsonObject> accounts();

  /** The body of {@code /health}: {@code {status, accounts}}. */
  JsonObject health();

  /**
   * Serves {@code /ws/{resource}} with custom handlers: {@code factory} makes one handler per
   * connection. Takes precedence over the built-in resources of the same name. The registration
   * stops new connections from using it.
   */
  Registration addWsHandler(String resource, Supplier<WsHandler> factory);

  /** Closes both servers and every client connection. Idempotent. */
  Future<Void> close();
}
