package io.cloudbus.core.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The body of a vendor's answer, read into memory up to a bound: an answer larger than that (a
 * vendor error page of gigabytes, an endless stream behind a misconfigured proxy) fails the call
 * instead of growing the heap until the gateway dies. Beyond the bound the call fails, and a client
 * {@linkplain #guard guarded} resets its connection: nothing more of the answer is read.
 */
public final class BoundedBody {

  /** Bytes of one answer: the largest vendor answers (SimpliSafe's event history) are ~100 KB. */
  public static final int MAX_BYTES = 16 << 20;

  private static final Set<WebClient> GUARDED = Collections.newSetFromMap(new WeakHashMap<>());

  private BoundedBody() {}

  /**
   * Makes {@code client} reset the connection of a call that fails while its answer is still
   * arriving (an answer over the bound of {@link #codec}): without it the client would go on
   * reading, and discarding, an endless answer for as long as the vendor sends it. Once per client;
   * returns it.
   */
  public static WebClient guard(WebClient client) {
    synchronized (GUARDED) {
      if (!GUARDED.add(client)) {
        return client;
      }
    }
    client.addInterceptor(
        ctx -> {
          if (ctx.phase() == ClientPhase.FAILURE && ctx.clientResponse() != null) {
            ctx.clientResponse().request().reset();
          }
          ctx.next();
        });
    return client;
  }

  /** A codec that reads at most {@code maxBytes} of an answer's body. */
  public static BodyCodec<Buffer> codec(int maxBytes) {
    return () -> new Bounded(maxBytes);
  }

  private static final class Bounded implements BodyStream<Buffer> {
    private final int maxBytes;
    private final Promise<Buffer> result = Promise.promise();
    private final Buffer body = Buffer.buffer();
    private boolean over;

    Bounded(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public Future<Buffer> result() {
      return result.future();
    }

    @Override
    public void handle(Throwable failure) {
      result.tryFail(failure);
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (over || body.length() + data.length() > maxBytes) {
        // a failed write fails the pipe from the answer, and with it the call; a guarded client
        // then resets the connection, and nothing more of the answer is read
        over = true;
        IllegalStateException tooLarge =
            new IllegalStateException(
                "the answer's body is larger than " + (maxBytes >> 20) + " MiB");
        result.tryFail(tooLarge);
        return Future.failedFuture(tooLarge);
      }
      body.appendBuffer(data);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      result.tryComplete(body);
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
