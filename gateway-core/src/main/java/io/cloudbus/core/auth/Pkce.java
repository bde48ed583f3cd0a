package io.cloudbus.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636, method S256): a random {@code verifier} and its {@code challenge}, the
 * unpadded URL-safe base64 of SHA-256(verifier). {@link #toString()} hides the verifier.
 *
 * @param verifier the secret sent with the code exchange
 * @param challenge sent in the authorize URL with {@code code_challenge_method=S256}
 */
public record Pkce(String verifier, String challenge) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new pair from 40 random bytes (the verifier is alphanumeric, as SimpliSafe's apps send). */
  public static Pkce generate() {
    byte[] bytes = new byte[40];
    RANDOM.nextBytes(bytes);
    String verifier =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(bytes)
            .replaceAll("[^A-Za-z0-9]", "");
    return new Pkce(verifier, challengeOf(verifier));
  }

  /** The S256 challenge of {@code verifier}. */
  public static String challengeOf(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  @Override
  public String toString() {
    return "Pkce[challenge=" + challenge + "]";
  }
}
