package io.cloudbus.core.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.CompletableFuture;

/**
 * One {@link WebSocketClient} per Vert.x instance and transport frame limit, shared by every socket
 * of that instance. A client per socket cost several kilobytes of heap per idle account (its pools,
 * options and close hooks); connections of a shared client still run on the context that opened
 * them, and each socket still skips frames over its own {@code maxFrameBytes}.
 *
 * <p>The client is created off any Vert.x context, so it belongs to the Vert.x instance and not to
 * the deployment of the socket that happened to ask first (whose undeploy would close it for all).
 * It is closed when the last lease is released. Thread-safe.
 */
public final class SharedWebSocketClients {

  private static final String MAP = "io.cloudbus.core.websocket-clients";

  /** Connections per endpoint are not limited: thousands of accounts may share one cloud host. */
  static final int MAX_CONNECTIONS = Integer.MAX_VALUE;

  private SharedWebSocketClients() {}

  /**
   * A lease on the shared client for frames up to {@code hardLimitBytes}; release it exactly once.
   */
  public static Lease acquire(Vertx vertx, int hardLimitBytes) {
    LocalMap<Integer, Holder> map = vertx.sharedData().getLocalMap(MAP);
    synchronized (SharedWebSocketClients.class) {
      Holder h = map.get(hardLimitBytes);
      if (h == null) {
        h = new Holder(vertx, hardLimitBytes);
        map.put(hardLimitBytes, h);
      }
      h.leases++;
      return new Lease(vertx, map, h);
    }
  }

  /** A socket's use of the shared client. */
  public static final class Lease {
    private final Vertx vertx;
    private final LocalMap<Integer, Holder> map;
    private final Holder holder;
    private boolean released;

    private Lease(Vertx vertx, LocalMap<Integer, Holder> map, Holder holder) {
      this.vertx = vertx;
      this.map = map;
      this.holder = holder;
    }

    /** Opens a WebSocket; its handlers run on the caller's context (call it from the socket's). */
    public Future<WebSocket> connect(WebSocketConnectOptions options) {
      WebSocketClient ready = holder.client.getNow(null);
      if (ready != null) {
        return ready.connect(options);
      }
      Context ctx = vertx.getOrCreateContext();
      return Future.fromCompletionStage(holder.client, ctx).compose(c -> c.connect(options));
    }

    /** Gives the lease back; the last one closes the client. Idempotent. */
    public Future<Void> release() {
      synchronized (SharedWebSocketClients.class) {
        if (released) {
          return Future.succeededFuture();
        }
        released = true;
        if (--holder.leases > 0) {
          return Future.succeededFuture();
        }
        map.remove(holder.hardLimitBytes, holder);
      }
      return Future.fromCompletionStage(holder.client).compose(WebSocketClient::close);
    }
  }

  private static final class Holder implements Shareable {
    final int hardLimitBytes;
    final CompletableFuture<WebSocketClient> client;
    int leases;

    Holder(Vertx vertx, int hardLimitBytes) {
      this.hardLimitBytes = hardLimitBytes;
      WebSocketClientOptions options =
          new WebSocketClientOptions()
              .setMaxFrameSize(hardLimitBytes)
              .setMaxMessageSize(hardLimitBytes)
              .setMaxConnections(MAX_CONNECTIONS);
      this.client = CompletableFuture.supplyAsync(() -> vertx.createWebSocketClient(options));
    }
  }
}
