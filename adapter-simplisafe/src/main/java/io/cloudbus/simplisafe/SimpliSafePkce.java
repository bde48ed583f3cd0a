package io.cloudbus.simplisafe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A PKCE (RFC 7636, method S256) verifier and its challenge, built the way the SimpliSafe clients
 * do: the verifier is URL-safe Base64 of 40 random bytes with every non-alphanumeric character
 * removed; the challenge is unpadded URL-safe Base64 of SHA-256 of the verifier. Immutable.
 *
 * @param verifier the secret kept by the client until the code exchange; never log it
 * @param challenge the public value sent in the authorize URL
 */
public record SimpliSafePkce(String verifier, String challenge) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public SimpliSafePkce {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(challenge, "challenge");
  }

  /** A fresh random verifier with its challenge. */
  public static SimpliSafePkce generate() {
    byte[] bytes = new byte[40];
    RANDOM.nextBytes(bytes);
    String verifier = Base64.getUrlEncoder().encodeToString(bytes).replaceAll("[^A-Za-z0-9]", "");
    return new SimpliSafePkce(verifier, challengeOf(verifier));
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
    return "SimpliSafePkce[challenge=" + challenge + "]";
  }
}
