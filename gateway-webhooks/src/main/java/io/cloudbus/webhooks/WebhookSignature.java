package io.cloudbus.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature scheme (docs/webhooks.md): {@code X-Cloudbus-Timestamp} is the sending time
 * in Unix seconds, {@code X-Cloudbus-Signature} is {@code v1=} followed by the lowercase hex
 * HMAC-SHA256, keyed with the webhook's secret, of {@code <timestamp> + "." + <body bytes>}. A
 * receiver recomputes it over the raw body, compares in constant time, and rejects timestamps older
 * than a few minutes (replays). Each retry is signed anew with its own timestamp.
 */
public final class WebhookSignature {

  public static final String TIMESTAMP_HEADER = "X-Cloudbus-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Cloudbus-Signature";
  public static final String VERSION = "v1=";

  private WebhookSignature() {}

  /** The {@code X-Cloudbus-Signature} value for {@code body} sent at {@code timestampSeconds}. */
  public static String sign(String secret, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether {@code signature} is the one of {@code body} at {@code timestampSeconds}. */
  public static boolean verify(
      String secret, long timestampSeconds, byte[] body, String signature) {
    if (signature == null) {
      return false;
    }
    byte[] expected = sign(secret, timestampSeconds, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }
}
