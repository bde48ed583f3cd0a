package io.cloudbus.webhooks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A webhook's default name: never the URL's path, query or credentials. */
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
}
