package io.cloudbus.core.impl;

import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.EventDeduplicator;
import io.cloudbus.core.Registration;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * What a deployed {@link CloudSocket} runs on: the publisher attached to its pipeline and status, a
 * lease on the shared WebSocket client, the {@link SocketSupervisor}, the consumer of {@code
 * cloudbus.command.<vendor>.<account>} and the listener of the auth handler's token changes. Built
 * in {@code start()}, torn down in {@code stop()}; starts no connection by itself.
 *
 * <p>Built and used on the socket verticle's event-loop context; token changes hop onto it.
 */
public final class SocketRuntime {

  private final SocketSupervisor supervisor;
  private final SharedWebSocketClients.Lease client;
  private final MessageConsumer<Object> commands;
  private final Registration tokenRegistration;

  /**
   * @param context the socket verticle's context, where token changes are handled
   * @param dedup the deduplicator of the socket's events; null when its journal decides alone
   */
  public SocketRuntime(Vertx vertx, Context context, SocketParts parts, EventDeduplicator dedup) {
    CloudSocketOptions options = parts.options();
    DeliveryBacklog delivery = DeliveryBacklog.of(vertx);
    EventPublisher publisher =
        new EventPublisher(vertx.eventBus(), delivery, options.vendor(), options.account());
    parts.pipeline().attach(dedup, publisher);
    String label = options.vendor() + "/" + options.account();
    EventPipeline pipeline = parts.pipeline();
    pipeline.flow(
        new ReadFlow(
            label,
            parts.timers(),
            parts.stats(),
            () -> pipeline.journal() == null ? 0 : pipeline.journal().backlog(),
            delivery,
            task -> context.runOnContext(v -> task.run())));
    parts.status().attach(publisher, parts.clock());
    // Frames up to 4x the limit are read and skipped (counted, socket stays up); beyond that the
    // transport closes the connection to protect memory.
    int hardLimit =
        (int) Math.min(Integer.MAX_VALUE / 2, Math.max(65_536L, 4L * options.maxFrameBytes()));
    client = SharedWebSocketClients.acquire(vertx, hardLimit);
    SocketSupervisor s = new SocketSupervisor(parts, client);
    supervisor = s;
    commands =
        vertx
            .eventBus()
            .consumer(CloudbusAddresses.command(options.vendor(), options.account()), s::onCommand);
    AuthHandler auth = parts.auth();
    StatusTracker status = parts.status();
    if (auth != null) {
      status.tokenSource(auth::currentToken);
    }
    tokenRegistration =
        auth == null
            ? null
            : auth.onTokenChanged(
                t ->
                    context.runOnContext(
                        v -> {
                          status.tokenChanged(t);
                          s.onTokenChanged(t);
                        }));
  }

  public SocketSupervisor supervisor() {
    return supervisor;
  }

  /**
   * Completes when the command consumer is registered (cluster-wide when clustered) and what the
   * journal holds of the account from before was read (the first connect's gap reference).
   */
  public Future<Void> ready() {
    return commands.completion().compose(v -> supervisor.catchUp.load());
  }

  /**
   * Stops the supervisor for good (state {@code stopped}, {@code reason} logged), stops listening
   * to token changes and unregisters the command consumer.
   *
   * @return completes when the consumer is unregistered
   */
  public Future<Void> stop(String reason) {
    supervisor.stopSocket(reason);
    if (tokenRegistration != null) {
      tokenRegistration.remove();
    }
    return commands.unregister();
  }

  /** Releases the lease on the shared WebSocket client; after {@link #stop}. */
  public Future<Void> release() {
    return client.release();
  }
}
