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
 * <p>Not thread-safe: feed it from one event loop.
 */
final class FrameDecoder {

  private final int maxFrameBytes;
  private final Consumer<Buffer> onFrame;
  private final IntConsumer onTooLarge;
  private final Runnable onCorrupt;
  private Buffer pending = Buffer.buffer();
  private long skipRemaining;
  private boolean corrupt;

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
      int skip = (int) Math.min(skipRemaining, data.length());
      skipRemaining -= skip;
      offset = skip;
      if (offset == data.length()) {
        return;
      }
    }
    pending.appendBuffer(data, offset, data.length() - offset);
    int pos = 0;
    while (pending.length() - pos >= 4) {
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
  }
}
