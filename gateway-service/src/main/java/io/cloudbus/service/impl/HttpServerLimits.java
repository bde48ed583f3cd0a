package io.cloudbus.service.impl;

import com.sun.management.UnixOperatingSystemMXBean;
import io.cloudbus.service.ServiceLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server's defences against hostile clients, from {@link ServiceLimits}: the idle timeout,
 * the header and request line sizes (answered 431 and 414), the request header read deadline
 * (answered 408, see {@link RequestHeaderDeadline}) and the cap on open connections (one over it is
 * answered 503 with {@code Connection: close} and closed at once, and counted).
 *
 * <p>The cap is clamped below the process's file descriptor limit (logged once at start): an
 * acceptor that runs out of descriptors fails every accept and logs a stack trace each second,
 * while a refused connection gives its descriptor back at once.
 *
 * <p>Threading: the connection handler runs on the server's event loop; the counters are the
 * metrics' (thread-safe).
 */
final class HttpServerLimits {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServerLimits.class);

  /** Descriptors left to everything else (jar files, the TCP bridge, outbound sockets, logs). */
  static final int FD_RESERVE = 128;

  private static final byte[] REFUSAL = refusal();

  private final ServiceLimits limits;
  private final GatewayMetrics metrics;
  private final int maxConnections;
  private int open;

  HttpServerLimits(ServiceLimits limits, GatewayMetrics metrics) {
    this.limits = limits;
    this.metrics = metrics;
    this.maxConnections = clampToFileDescriptors(limits.maxConnections());
  }

  /** The effective cap on open HTTP connections (the configured one, or less: see above). */
  int maxConnections() {
    return maxConnections;
  }

  /** Sets the idle timeout and the header and request line sizes on {@code options}. */
  HttpServerOptions apply(HttpServerOptions options) {
    return options
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, limits.idleTimeoutMs()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setMaxHeaderSize(limits.maxHeaderBytes())
        .setMaxInitialLineLength(limits.maxInitialLineBytes())
        // With cleartext HTTP/2 on, Vert.x makes the connection only once a first request is read
        // (it may be an h2c upgrade): a connection that sends nothing, or half a request head,
        // would then escape the connection cap and the header deadline. No client here needs h2c.
        .setHttp2ClearTextEnabled(false)
        // Compression costs memory and CPU per connection and would let RSV1 frames through;
        // the frames here are small JSON.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
  }

  /** Installs the connection cap, the header deadline and the invalid request answers. */
  HttpServer install(HttpServer server) {
    return server.connectionHandler(this::onConnection).invalidRequestHandler(this::onInvalid);
  }

  private void onConnection(HttpConnection connection) {
    Channel channel = connection instanceof ConnectionBase base ? base.channel() : null;
    // HTTP/1.x only: an HTTP/2 connection (TLS with ALPN) has no request decoder: plain close
    ChannelHandlerContext decoder =
        channel == null ? null : channel.pipeline().context(HttpRequestDecoder.class);
    if (open >= maxConnections) {
      metrics.httpConnectionRefused();
      LOG.debug("HTTP connection refused: {} open (maxConnections)", open);
      if (decoder != null) {
        // written below the HTTP encoder (and above TLS): there is no request to answer yet
        decoder
            .writeAndFlush(Unpooled.wrappedBuffer(REFUSAL))
            .addListener(ChannelFutureListener.CLOSE);
      } else {
        connection.close();
      }
      return;
    }
    open++;
    metrics.httpConnectionOpened();
    connection.closeHandler(
        v -> {
          open--;
          metrics.httpConnectionClosed();
        });
    if (channel != null) {
      RequestHeaderDeadline.install(
          channel.pipeline(), limits.requestHeaderTimeoutMs(), metrics::httpHeaderTimeout);
    }
  }

  /**
   * Answers a request the decoder could not read: 414 for a request line over {@code
   * maxInitialLineBytes}, 431 for headers over {@code maxHeaderBytes}, 400 otherwise; then closes.
   */
  private void onInvalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    String name = cause == null ? "" : cause.getClass().getSimpleName();
    int status;
    String code;
    String message;
    if (name.equals("TooLongHttpLineException")) {
      status = 414;
      code = "uri_too_long";
      message = "the request line is over " + limits.maxInitialLineBytes() + " bytes";
    } else if (name.equals("TooLongHttpHeaderException")) {
      status = 431;
      code = "headers_too_large";
      message = "the request headers are over " + limits.maxHeaderBytes() + " bytes";
    } else {
      status = 400;
      code = "bad_request";
      message = "the request could not be read";
    }
    metrics.httpInvalidRequest(status);
    request
        .response()
        .setStatusCode(status)
        .putHeader("Connection", "close")
        .putHeader("Content-Type", "application/json")
        .end(HttpErrors.body(code, message).encode())
        .onComplete(ar -> request.connection().close());
  }

  private static int clampToFileDescriptors(int configured) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (!(os instanceof UnixOperatingSystemMXBean unix)) {
      return configured;
    }
    long max = unix.getMaxFileDescriptorCount();
    long available = max - unix.getOpenFileDescriptorCount() - FD_RESERVE;
    if (configured <= available) {
      return configured;
    }
    int clamped = (int) Math.max(1, available);
    LOG.warn(
        "service.limits.maxConnections {} is more than the file descriptor limit ({}) leaves: at"
            + " most {} HTTP connections (raise it with ulimit -n)",
        configured,
        max,
        clamped);
    return clamped;
  }

  private static byte[] refusal() {
    String body = HttpErrors.body("too_many_connections", "too many connections").encode();
    return ("HTTP/1.1 503 Service Unavailable\r\n"
            + "Connection: close\r\n"
            + "Retry-After: 1\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + body.length()
            + "\r\n\r\n"
            + body)
        .getBytes(StandardCharsets.US_ASCII);
  }
}
