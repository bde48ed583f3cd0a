package io.cloudbus.client.impl;

import io.cloudbus.client.WebSocketException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failed opening handshake into a clear, secret-free {@link WebSocketException}. */
public final class Handshakes {

  private Handshakes() {}

  /**
   * Describes why connecting to {@code uri} failed.
   *
   * @param failure what {@code buildAsync} failed with (possibly wrapped)
   * @param connectTimeout the timeout in force, named in the message when it expired
   */
  public static WebSocketException describe(Throwable failure, URI uri, Duration connectTimeout) {
    Throwable e = failure;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    String where = Urls.redact(uri);
    if (e instanceof WebSocketException w) {
      return w;
    }
    if (e instanceof WebSocketHandshakeException h) {
      int status = h.getResponse() == null ? -1 : h.getResponse().statusCode();
      return new WebSocketException(
          "opening handshake with " + where + " rejected: HTTP " + status, status, e);
    }
    if (e instanceof HttpTimeoutException) {
      return new WebSocketException(
          "connecting to " + where + " timed out after " + connectTimeout.toMillis() + " ms",
          -1,
          e);
    }
    if (e instanceof ConnectException) {
      return new WebSocketException("could not connect to " + where + ": " + e, -1, e);
    }
    return new WebSocketException("connecting to " + where + " failed: " + e, -1, e);
  }
}
