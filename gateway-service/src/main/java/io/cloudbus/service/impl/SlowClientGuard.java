package io.cloudbus.service.impl;

import io.vertx.core.streams.WriteStream;

/**
 * Bounds what one client may have waiting. Every write while the connection's write queue is full
 * counts; a drain resets the count. Over {@code highWaterMark} such writes the client is cut off
 * once ({@code onSlow}), so at most {@code highWaterMark} messages plus the transport's own buffer
 * ever wait for it, and a slow client never slows the others (writes never wait).
 *
 * <p>The guard owns the stream's drain handler; a caller that also needs the drain passes {@code
 * onDrain}, which runs after the count is reset.
 *
 * <p>Threading: use from the connection's event loop only.
 */
final class SlowClientGuard {

  private final WriteStream<?> stream;
  private final int highWaterMark;
  private final Runnable onSlow;
  private int writesWhileFull;
  private boolean tripped;

  SlowClientGuard(WriteStream<?> stream, int highWaterMark, Runnable onSlow) {
    this(stream, highWaterMark, onSlow, () -> {});
  }

  SlowClientGuard(WriteStream<?> stream, int highWaterMark, Runnable onSlow, Runnable onDrain) {
    this.stream = stream;
    this.highWaterMark = highWaterMark;
    this.onSlow = onSlow;
    stream.drainHandler(
        v -> {
          writesWhileFull = 0;
          onDrain.run();
        });
  }

  /** Call before each write: false when the message must be dropped (the client is being cut). */
  boolean admit() {
    if (tripped) {
      return false;
    }
    if (stream.writeQueueFull() && ++writesWhileFull > highWaterMark) {
      tripped = true;
      onSlow.run();
      return false;
    }
    return true;
  }

  boolean tripped() {
    return tripped;
  }
}
