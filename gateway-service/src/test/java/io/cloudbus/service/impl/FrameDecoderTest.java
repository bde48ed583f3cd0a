package io.cloudbus.service.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

  private final List<String> frames = new ArrayList<>();
  private final List<Integer> tooLarge = new ArrayList<>();
  private final AtomicBoolean corrupt = new AtomicBoolean();
  private final FrameDecoder decoder =
      new FrameDecoder(
          16,
          b -> frames.add(b.toString(StandardCharsets.UTF_8)),
          tooLarge::add,
          () -> corrupt.set(true));

  private static Buffer frame(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer().appendInt(bytes.length).appendBytes(bytes);
  }

  @Test
  void splitsSeveralFramesOfOneRead() {
    decoder.feed(frame("{\"a\":1}").appendBuffer(frame("{}")).appendBuffer(frame("[2]")));
    assertThat(frames).containsExactly("{\"a\":1}", "{}", "[2]");
  }

  @Test
  void joinsAFrameSplitAcrossReads() {
    Buffer all = frame("{\"abc\":12}").appendBuffer(frame("{}"));
    for (int i = 0; i < all.length(); i++) {
      decoder.feed(all.getBuffer(i, i + 1));
    }
    assertThat(frames).containsExactly("{\"abc\":12}", "{}");
  }

  @Test
  void skipsATooLargeFrameAndStaysInSync() {
    Buffer big = frame("x".repeat(40));
    Buffer all = frame("{}").appendBuffer(big).appendBuffer(frame("[1]"));
    decoder.feed(all.getBuffer(0, 10));
    decoder.feed(all.getBuffer(10, 30));
    decoder.feed(all.getBuffer(30, all.length()));
    assertThat(tooLarge).containsExactly(40);
    assertThat(frames).containsExactly("{}", "[1]");
  }

  @Test
  void aNegativeLengthStopsTheDecoder() {
    decoder.feed(Buffer.buffer().appendInt(-5).appendBuffer(frame("{}")));
    assertThat(corrupt).isTrue();
    assertThat(frames).isEmpty();
  }

  @Test
  void pauseFromACallbackKeepsTheRestOfTheReadUntilResume() {
    // GIVEN a decoder whose frame callback pauses it after the first frame
    List<String> seen = new ArrayList<>();
    FrameDecoder[] self = new FrameDecoder[1];
    self[0] =
        new FrameDecoder(
            16,
            b -> {
              seen.add(b.toString(StandardCharsets.UTF_8));
              self[0].pause();
            },
            tooLarge::add,
            () -> corrupt.set(true));
    // WHEN three frames arrive in one read, then a fourth while paused
    self[0].feed(frame("[1]").appendBuffer(frame("[2]")).appendBuffer(frame("[3]")));
    self[0].feed(frame("[4]"));
    // THEN only the first was handed out; each resume hands out one more, in order
    assertThat(seen).containsExactly("[1]");
    assertThat(self[0].paused()).isTrue();
    self[0].resume();
    assertThat(seen).containsExactly("[1]", "[2]");
    self[0].resume();
    self[0].resume();
    assertThat(seen).containsExactly("[1]", "[2]", "[3]", "[4]");
  }

  @Test
  void aResumeFromInsideACallbackGoesOnWithoutASecondPass() {
    // a write's drain can fire while the frame that wrote is still being handled
    List<String> seen = new ArrayList<>();
    FrameDecoder[] self = new FrameDecoder[1];
    self[0] =
        new FrameDecoder(
            16,
            b -> {
              seen.add(b.toString(StandardCharsets.UTF_8));
              self[0].pause();
              self[0].resume();
            },
            tooLarge::add,
            () -> corrupt.set(true));
    self[0].feed(frame("[1]").appendBuffer(frame("[2]")).appendBuffer(frame("[3]")));
    assertThat(seen).containsExactly("[1]", "[2]", "[3]");
    assertThat(self[0].paused()).isFalse();
  }

  @Test
  void aSkipStartedBeforeAPauseStillSkips() {
    Buffer all = frame("{}").appendBuffer(frame("x".repeat(40))).appendBuffer(frame("[1]"));
    decoder.feed(all.getBuffer(0, 10));
    decoder.pause();
    decoder.feed(all.getBuffer(10, all.length()));
    assertThat(frames).containsExactly("{}");
    decoder.resume();
    assertThat(tooLarge).containsExactly(40);
    assertThat(frames).containsExactly("{}", "[1]");
  }
}
