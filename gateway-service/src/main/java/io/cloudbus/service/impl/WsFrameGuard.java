package io.cloudbus.service.impl;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Closes a server WebSocket that breaks the protocol, with the close code RFC 6455 names and a
 * reason, instead of Vert.x's defaults (an abort without a close frame for a frame over the
 * decoder's limit, a fragmented message over the limit dropped without a word, invalid UTF-8 and
 * reserved bits accepted):
 *
 * <ul>
 *   <li>a frame, or a fragmented message reassembled, over {@code maxMessageBytes}: 1009;
 *   <li>a text message that is not UTF-8: 1007;
 *   <li>RSV bits set (no extension is ever negotiated: compression is off): 1002;
 *   <li>any other protocol error the frame decoder reports: the code it names.
 * </ul>
 *
 * <p>Three Netty handlers right after the connection's WebSocket frame decoder: the guard (reserved
 * bits, message size), Netty's {@link Utf8FrameValidator}, and the closer, which turns every {@link
 * CorruptedWebSocketFrameException} (or {@link TooLongFrameException}) from the three before it
 * into one close frame, then closes the connection. Frames that arrive after a violation are
 * dropped.
 *
 * <p>Threading: the channel's event loop only.
 */
final class WsFrameGuard {

  private static final int MAX_REASON_CHARS = 120;

  private final int maxMessageBytes;
  private final Runnable onViolation;
  private boolean violated;

  private WsFrameGuard(int maxMessageBytes, Runnable onViolation) {
    this.maxMessageBytes = maxMessageBytes;
    this.onViolation = onViolation;
  }

  /**
   * Installs the guard in {@code pipeline} (an upgraded server WebSocket's). Returns false, doing
   * nothing, when the pipeline has no WebSocket frame decoder. {@code onViolation} runs once, when
   * the connection is closed for a violation.
   */
  static boolean install(ChannelPipeline pipeline, int maxMessageBytes, Runnable onViolation) {
    ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
    if (decoder == null) {
      return false;
    }
    WsFrameGuard g = new WsFrameGuard(maxMessageBytes, onViolation);
    pipeline.addAfter(decoder.name(), "cloudbus-ws-guard", g.new Guard());
    pipeline.addAfter("cloudbus-ws-guard", "cloudbus-ws-utf8", new Utf8FrameValidator(false));
    pipeline.addAfter("cloudbus-ws-utf8", "cloudbus-ws-close", g.new Closer());
    return true;
  }

  private void violation(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
    if (violated) {
      return;
    }
    violated = true;
    onViolation.run();
    if (ctx.channel().isActive()) {
      // from the tail, so that the frame passes the WebSocket encoder wherever it sits
      ctx.channel()
          .writeAndFlush(new CloseWebSocketFrame(status.code(), reason))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** A close reason within the 123 bytes a close frame allows (the decoder's words are ASCII). */
  private static String describe(WebSocketCloseStatus status, String detail) {
    String reason = detail == null ? status.reasonText() : status.reasonText() + ": " + detail;
    return reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
  }

  /** Reserved bits and the size of the message under way. */
  private final class Guard extends ChannelInboundHandlerAdapter {

    private long messageBytes;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (violated) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (!(msg instanceof WebSocketFrame frame)) {
        ctx.fireChannelRead(msg);
        return;
      }
      if (frame.rsv() != 0) {
        frame.release();
        violation(
            ctx,
            WebSocketCloseStatus.PROTOCOL_ERROR,
            "reserved bits set: no extension was negotiated");
        return;
      }
      if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
        messageBytes = frame.content().readableBytes();
      } else if (frame instanceof ContinuationWebSocketFrame) {
        messageBytes += frame.content().readableBytes();
      }
      if (messageBytes > maxMessageBytes) {
        frame.release();
        violation(
            ctx,
            WebSocketCloseStatus.MESSAGE_TOO_BIG,
            "messages are limited to " + maxMessageBytes + " bytes");
        return;
      }
      ctx.fireChannelRead(frame);
    }
  }

  /** Turns a corrupt frame, from the decoder or the UTF-8 validator, into a close frame. */
  private final class Closer extends ChannelInboundHandlerAdapter {

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof CorruptedWebSocketFrameException
          || cause instanceof TooLongFrameException) {
        WebSocketCloseStatus status =
            cause instanceof CorruptedWebSocketFrameException corrupt
                    && corrupt.closeStatus() != null
                ? corrupt.closeStatus()
                : cause instanceof TooLongFrameException
                    ? WebSocketCloseStatus.MESSAGE_TOO_BIG
                    : WebSocketCloseStatus.PROTOCOL_ERROR;
        String reason =
            status.code() == WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code()
                ? "text frames must be UTF-8"
                : status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
                    ? "frames are limited to " + maxMessageBytes + " bytes"
                    : describe(status, cause.getMessage());
        violation(ctx, status, reason);
        return;
      }
      ctx.fireExceptionCaught(cause);
    }
  }
}
