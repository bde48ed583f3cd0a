package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.testing.TestSocket;
import io.cloudbus.core.testing.TestWsServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hooks run on the socket's own context even when a hook's or the auth handler's future completes
 * on another one (an auth handler or HTTP client built by a provider lives where it was built).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HookContextIT {

  /** Completes {@code connectOptions} on a foreign context and records where hooks run. */
  static final class ForeignContextSocket extends TestSocket {
    final List<Boolean> handshakeOnOwnContext = new CopyOnWriteArrayList<>();
    volatile Context foreign;

    ForeignContextSocket(int port) {
      super(
          CloudSocketOptions.builder("test", "ctx").handshakeTimeoutMs(10_000).build(),
          (AuthHandler) null,
          port);
    }

    @Override
    protected Future<WebSocketConnectOptions> connectOptions(AccessToken token) {
      Future<WebSocketConnectOptions> options = super.connectOptions(token);
      Promise<WebSocketConnectOptions> promise = Promise.promise();
      foreign.runOnContext(v -> options.onComplete(promise));
      return promise.future();
    }

    @Override
    protected Future<Void> handshake(SocketSession session, AccessToken token) {
      handshakeOnOwnContext.add(Vertx.currentContext() == context);
      return super.handshake(session, token);
    }
  }

  @Test
  void hooksContinueOnTheSocketContext(Vertx vertx) throws Exception {
    // GIVEN a socket whose connectOptions future completes on another verticle's context
    TestWsServer server = CloudSocketIT.get(new TestWsServer(vertx).start());
    AtomicReference<Context> other = new AtomicReference<>();
    CloudSocketIT.get(
        vertx.deployVerticle(
            new VerticleBase() {
              @Override
              public Future<?> start() {
                other.set(context);
                return Future.succeededFuture();
              }
            }));
    ForeignContextSocket socket = new ForeignContextSocket(server.port());
    socket.foreign = other.get();

    // WHEN it is deployed and connects
    CloudSocketIT.get(vertx.deployVerticle(socket));
    await().atMost(Patience.PATIENT).until(() -> socket.state() == ConnectionState.CONNECTED);

    // THEN the next hook ran on the socket's own context, not the foreign one
    assertThat(socket.handshakeOnOwnContext).isNotEmpty().containsOnly(true);
    CloudSocketIT.get(server.close());
  }
}
