package io.cloudbus.webhooks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A webhook's default name and its URL as it may be shown (logs, toString): no secrets. */
final class WebhookNames {

  private WebhookNames() {}

  /**
   * {@code <host>-<8 hex digits of SHA-256 of the URL>}, the host's odd characters as {@code -}.
   */
  static String defaultName(String url) {
    String host = URI.create(url).getHost();
    String safe = host == null ? "webhook" : host.replaceAll("[^A-Za-z0-9.-]", "-");
    if (safe.length() > WebhookOptions.MAX_NAME_LENGTH - 9) {
      safe = safe.substring(0, WebhookOptions.MAX_NAME_LENGTH - 9);
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return safe + "-" + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The scheme, host and port of {@code url}, then {@code /…} when it has more: its path, query and
   * user info may hold credentials (many services put a token in the path).
   */
  static String redacted(String url) {
    URI u = URI.create(url);
    String base = u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    boolean more =
        u.getUserInfo() != null
            || u.getQuery() != null
            || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"));
    return more ? base + "/…" : base;
  }
}
