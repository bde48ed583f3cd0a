package io.cloudbus.core.util;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.UpgradeRejectedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * An I/O failure in words a user understands ("connection refused (127.0.0.1:9000)", "the
 * connection was closed"), never a Java class name: these words end up in status reasons, on the
 * dashboard and in {@code /health}. Stateless.
 */
public final class FailureText {

  private static final int MAX_DETAIL = 200;

  private FailureText() {}

  /** {@code failure} in words; never null, never a class name. */
  public static String of(Throwable failure) {
    if (failure == null) {
      return "an unknown failure";
    }
    String msg = failure.getMessage();
    String lower = msg == null ? "" : msg.toLowerCase(Locale.ROOT);
    if (failure instanceof UpgradeRejectedException u) {
      return "the server refused the WebSocket upgrade (HTTP " + u.getStatus() + ")";
    }
    if (failure instanceof HttpClosedException || failure instanceof ClosedChannelException) {
      return "the connection was closed";
    }
    if (failure instanceof UnknownHostException) {
      return "unknown host" + detail(msg);
    }
    if (failure instanceof NoRouteToHostException) {
      return "no route to host" + detail(address(msg));
    }
    if (failure instanceof ConnectException) {
      // Netty's AnnotatedConnectException: "Connection refused: /127.0.0.1:9000"
      if (lower.contains("refused")) {
        return "connection refused" + detail(address(msg));
      }
      if (lower.contains("timed out")) {
        return "the connection timed out" + detail(address(msg));
      }
      return "cannot connect" + detail(address(msg));
    }
    if (failure instanceof SocketTimeoutException
        || failure instanceof TimeoutException
        || lower.contains("timed out")) {
      return "timed out" + detail(msg);
    }
    if (failure instanceof SSLException) {
      return "the TLS handshake failed" + detail(msg);
    }
    if (lower.contains("connection reset")) {
      return "the connection was reset by the peer";
    }
    if (lower.contains("broken pipe")) {
      return "the connection was broken";
    }
    if (lower.contains("connection was closed") || lower.contains("connection closed")) {
      return "the connection was closed";
    }
    if (msg == null || msg.isBlank()) {
      return failure.getCause() != null && failure.getCause() != failure
          ? of(failure.getCause())
          : "an I/O error";
    }
    return shorten(msg);
  }

  private static String address(String msg) {
    if (msg == null) {
      return null;
    }
    int colon = msg.indexOf(": ");
    String tail = colon < 0 ? null : msg.substring(colon + 2).trim();
    if (tail == null || tail.isEmpty()) {
      return null;
    }
    int slash = tail.indexOf('/');
    return slash >= 0 ? tail.substring(slash + 1) : tail;
  }

  private static String detail(String text) {
    return text == null || text.isBlank() ? "" : " (" + shorten(text) + ")";
  }

  private static String shorten(String text) {
    String t = text.strip();
    return t.length() > MAX_DETAIL ? t.substring(0, MAX_DETAIL) + "…" : t;
  }
}
