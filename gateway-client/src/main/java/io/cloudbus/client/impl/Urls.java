package io.cloudbus.client.impl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** URL helpers: scheme normalization and secret-free rendering. Stateless, thread-safe. */
public final class Urls {

  private Urls() {}

  /**
   * Parses a WebSocket URL the way a browser does: {@code ws} and {@code wss} as they are, {@code
   * http} becomes {@code ws} and {@code https} becomes {@code wss}; path and query are kept
   * untouched; TLS follows the scheme, never the port.
   *
   * @throws IllegalArgumentException if the URL is unparsable, has another scheme, no host, or a
   *     fragment
   */
  public static URI toWebSocketUri(String url) {
    if (url == null) {
      throw new IllegalArgumentException("url is null");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + redact(url), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String ws =
        switch (scheme) {
          case "ws", "http" -> "ws";
          case "wss", "https" -> "wss";
          default ->
              throw new IllegalArgumentException(
                  "URL scheme must be ws, wss, http or https: " + redact(url));
        };
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("URL has no host: " + redact(url));
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a WebSocket URL cannot have a fragment: " + redact(url));
    }
    String rest = uri.getRawSchemeSpecificPart();
    return URI.create(ws + ":" + rest);
  }

  /**
   * The URL for logs and messages: scheme, host, port and path only; a query (which may hold {@code
   * ?token=}) and user info are dropped.
   */
  public static String redact(String url) {
    if (url == null) {
      return "null";
    }
    String s = url;
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q) + "?…";
    } else {
      int h = s.indexOf('#');
      if (h >= 0) {
        s = s.substring(0, h);
      }
    }
    int schemeEnd = s.indexOf("://");
    int at = s.indexOf('@');
    int slash = schemeEnd < 0 ? -1 : s.indexOf('/', schemeEnd + 3);
    if (schemeEnd >= 0 && at > schemeEnd && (slash < 0 || at < slash)) {
      s = s.substring(0, schemeEnd + 3) + s.substring(at + 1);
    }
    return s;
  }

  /** {@link #redact(String)} of a URI. */
  public static String redact(URI uri) {
    return redact(uri == null ? null : uri.toString());
  }
}
