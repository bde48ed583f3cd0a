package io.cloudbus.service.impl;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Splits a TCP byte stream into frames of 4-byte big-endian length plus payload. Several frames may
 * arrive in one read, and one frame over several. A frame longer than {@code maxFrameBytes} is
 * skipped without being buffered ({@code onTooLarge} gets its length), so memory stays bounded; the
 * stream stays in sync because the length is known. A negative length cannot be skipped: {@code
 * onCorrupt} runs and the decoder stops.
 *
 * <p>{@link #pause()} stops handing out frames, even in the middle of a read: the rest of that read
 * waits (at most one read plus what the caller feeds while its socket is paused) until {@link
 * #resume()}. This lets a connection stop answering a client whose answers it cannot write.
 *
 * <p>Not thread-safe: feed it from one event loop. The callbacks may call {@link #pause()} and
 * {@link #resume()}.
 */
final class FrameDecoder {

  private final int maxFrameBytes;
  private final Consumer<Buffer> onFrame;
  private final IntConsumer onTooLarge;
  private final Runnable onCorrupt;
  private Buffer pending = Buffer.buffer();
  private long skipRemaining;
  private boolean corrupt;
  private boolean paused;
  private boolean splitting;

  FrameDecoder(
      int maxFrameBytes, Consumer<Buffer> onFrame, IntConsumer onTooLarge, Runnable onCorrupt) {
    this.maxFrameBytes = maxFrameBytes;
    this.onFrame = onFrame;
    this.onTooLarge = onTooLarge;
    this.onCorrupt = onCorrupt;
  }

  void feed(Buffer data) {
    if (corrupt) {
      return;
    }
    int offset = 0;
    if (skipRemaining > 0) {
      // while skipping nothing is pending: the skip started with everything read so far consumed
      int skip = (int) Math.min(skipRemaining, data.length());
      skipRemaining -= skip;
      offset = skip;
      if (offset == data.length()) {
        return;
      }
    }
    pending.appendBuffer(data, offset, data.length() - offset);
    split();
  }

  /** No frame is handed out until {@link #resume()}; bytes fed meanwhile are kept. */
  void pause() {
    paused = true;
  }

  /** Hands out the frames kept while paused, then goes on with what is fed. */
  void resume() {
    if (!paused) {
      return;
    }
    paused = false;
    // a resume from inside a callback lets the running split go on; no second one on top of it
    if (!splitting && !corrupt) {
      split();
    }
  }

  boolean paused() {
    return paused;
  }

  private void split() {
    splitting = true;
    int pos = 0;
    try {
      while (!paused && pending.length() - pos >= 4) {
        int length = pending.getInt(pos);
        if (length < 0) {
          corrupt = true;
          pending = Buffer.buffer();
          onCorrupt.run();
          return;
        }
        if (length > maxFrameBytes) {
          onTooLarge.accept(length);
          long available = pending.length() - pos - 4L;
          if (available >= length) {
            pos += 4 + length;
            continue;
          }
          skipRemaining = length - available;
          pos = pending.length();
          break;
        }
        if (pending.length() - pos - 4 < length) {
          break;
        }
        onFrame.accept(pending.getBuffer(pos + 4, pos + 4 + length));
        pos += 4 + length;
        if (corrupt) {
          return;
        }
      }
      pending = pos == 0 ? pending : pending.getBuffer(pos, pending.length());
    } finally {
      splitting = false;
    }
  }
}
