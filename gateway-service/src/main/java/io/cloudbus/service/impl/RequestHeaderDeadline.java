package io.cloudbus.service.impl;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The request header read deadline of one HTTP/1.x connection (slow loris): the headers of a
 * request must be complete within {@code timeoutMs} of its first byte (of the connection's start,
 * for the first request). Otherwise the connection is answered {@code 408} and closed. A keep-alive
 * connection waiting between requests is not timed here (the idle timeout covers it); its next
 * request's deadline starts with that request's first bytes.
 *
 * <p>Two Netty handlers around the connection's HTTP request decoder: one before it sees raw bytes
 * (a read while no request is under way starts the deadline), one after it sees decoded requests
 * (headers complete: the deadline is cancelled; the request's last content: the connection waits
 * for the next one). After a WebSocket upgrade, when the HTTP decoder has left the pipeline, both
 * remove themselves.
 *
 * <p>Threading: the channel's event loop only (Netty calls the handlers and runs the timer there).
 */
final class RequestHeaderDeadline {

  private static final String RAW = "cloudbus-header-deadline-raw";
  private static final String DECODED = "cloudbus-header-deadline";
  private static final byte[] TIMEOUT_RESPONSE =
      ("HTTP/1.1 408 Request Timeout\r\n"
              + "Connection: close\r\n"
              + "Content-Type: application/json\r\n"
              + "Content-Length: "
              + HttpErrors.body("request_timeout", "request headers not received in time")
                  .encode()
                  .length()
              + "\r\n\r\n"
              + HttpErrors.body("request_timeout", "request headers not received in time").encode())
          .getBytes(StandardCharsets.US_ASCII);

  private final long timeoutMs;
  private final Runnable onTimeout;
  private ChannelHandlerContext rawCtx;
  private ScheduledFuture<?> deadline;
  private boolean inRequest;

  private RequestHeaderDeadline(long timeoutMs, Runnable onTimeout) {
    this.timeoutMs = timeoutMs;
    this.onTimeout = onTimeout;
  }

  /**
   * Installs a deadline on {@code pipeline} (an HTTP/1.x server connection's, with its request
   * decoder) and starts it for the first request. Returns false, installing nothing, when the
   * pipeline has no HTTP request decoder (HTTP/2). {@code onTimeout} runs once per expired
   * deadline.
   */
  static boolean install(ChannelPipeline pipeline, long timeoutMs, Runnable onTimeout) {
    ChannelHandlerContext decoder = pipeline.context(HttpRequestDecoder.class);
    if (decoder == null) {
      return false;
    }
    RequestHeaderDeadline d = new RequestHeaderDeadline(timeoutMs, onTimeout);
    pipeline.addBefore(decoder.name(), RAW, d.new RawBytes());
    pipeline.addAfter(decoder.name(), DECODED, d.new DecodedRequests());
    d.start();
    return true;
  }

  private void start() {
    if (deadline == null && rawCtx != null) {
      deadline = rawCtx.executor().schedule(this::expire, timeoutMs, TimeUnit.MILLISECONDS);
    }
  }

  private void cancel() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  private void expire() {
    deadline = null;
    if (!upgraded() && rawCtx.channel().isActive()) {
      onTimeout.run();
      // written below the HTTP encoder: no request exists to answer through Vert.x
      rawCtx
          .writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT_RESPONSE))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  private boolean upgraded() {
    return rawCtx.pipeline().get(HttpRequestDecoder.class) == null;
  }

  private void remove() {
    cancel();
    ChannelPipeline p = rawCtx.pipeline();
    if (p.get(RAW) != null) {
      p.remove(RAW);
    }
    if (p.get(DECODED) != null) {
      p.remove(DECODED);
    }
  }

  /** Before the decoder: bytes while no request is under way start the deadline. */
  private final class RawBytes extends ChannelInboundHandlerAdapter {

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      rawCtx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (upgraded()) {
        remove();
      } else if (!inRequest && msg instanceof ByteBuf b && b.isReadable()) {
        start();
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      cancel();
      ctx.fireChannelInactive();
    }
  }

  /** After the decoder: complete headers cancel the deadline; the request's end re-arms it. */
  private final class DecodedRequests extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        cancel();
        inRequest = true;
      }
      if (msg instanceof LastHttpContent) {
        inRequest = false;
      }
      ctx.fireChannelRead(msg);
    }
  }
}
