package io.cloudbus.core;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whom an adapter trusts on {@code https://} and {@code wss://} endpoints besides the JVM's CAs: a
 * CA file (PEM, one or more certificates; e.g. the self-signed certificate {@code cloudbus
 * mock-cloud --tls} prints) and/or the SHA-256 fingerprint of the server's certificate (a pin).
 * With a CA file the chain must lead to it and the host name must match; with a pin alone the
 * server's leaf certificate must have that fingerprint (the host name is not checked, the pin binds
 * the key); with both, both hold. The account option {@code socket.tls: {"caFile": "...",
 * "pinSha256": "AB:CD:..."}} ({@link CloudSocketOptions#tls()}) applies it to the push socket and,
 * through {@link #apply(WebClientOptions)}, to the adapter's REST clients.
 *
 * <p>Immutable. The CA file is read once, at construction.
 */
public final class TlsTrust {

  private static final Set<String> FIELDS = Set.of("caFile", "pinSha256");

  private final String caFile;
  private final String pinSha256;
  private final X509TrustManager trustManager;

  private TlsTrust(String caFile, String pinSha256) {
    if (caFile == null && pinSha256 == null) {
      throw new IllegalArgumentException("tls: give caFile, pinSha256 or both");
    }
    this.caFile = caFile;
    this.pinSha256 = pinSha256 == null ? null : normalizePin(pinSha256);
    X509TrustManager ca = caFile == null ? null : caTrustManager(caFile);
    this.trustManager = new PinnedTrustManager(ca, this.pinSha256);
  }

  /** Trusts the certificates of a PEM file. @throws IllegalArgumentException naming the file */
  public static TlsTrust caFile(String caFile) {
    return new TlsTrust(Objects.requireNonNull(caFile, "caFile"), null);
  }

  /** Trusts the server certificate with this SHA-256 fingerprint (hex, colons optional). */
  public static TlsTrust pinSha256(String pin) {
    return new TlsTrust(null, Objects.requireNonNull(pin, "pinSha256"));
  }

  /**
   * Reads {@code {"caFile"?: "...", "pinSha256"?: "..."}}.
   *
   * @throws IllegalArgumentException naming the field ({@code tls.caFile}, {@code tls.pinSha256})
   */
  public static TlsTrust fromJson(JsonObject json) {
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException("tls." + field + ": unknown field (caFile, pinSha256)");
      }
    }
    Object ca = json.getValue("caFile");
    Object pin = json.getValue("pinSha256");
    if (ca != null && !(ca instanceof String)) {
      throw new IllegalArgumentException("tls.caFile: must be a file path");
    }
    if (pin != null && !(pin instanceof String)) {
      throw new IllegalArgumentException("tls.pinSha256: must be a hex SHA-256 fingerprint");
    }
    return new TlsTrust((String) ca, (String) pin);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (caFile != null) {
      json.put("caFile", caFile);
    }
    if (pinSha256 != null) {
      json.put("pinSha256", pinSha256);
    }
    return json;
  }

  /** The CA file, or null. */
  public String caFile() {
    return caFile;
  }

  /** The pin as 64 lower-case hex digits, or null. */
  public String pinSha256() {
    return pinSha256;
  }

  /** SSL options for a connection (e.g. {@code WebSocketConnectOptions.setSslOptions}). */
  public ClientSSLOptions sslOptions() {
    return new ClientSSLOptions()
        .setTrustOptions(TrustOptions.wrap(trustManager))
        .setHostnameVerificationAlgorithm(caFile == null ? "" : "HTTPS");
  }

  /** {@code options} (changed and returned) trusting as this does, for a {@code WebClient}. */
  public WebClientOptions apply(WebClientOptions options) {
    options.setTrustOptions(TrustOptions.wrap(trustManager));
    options.setVerifyHost(caFile != null);
    return options;
  }

  /** The SHA-256 fingerprint of {@code cert} as 64 lower-case hex digits. */
  public static String sha256(Certificate cert) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }

  private static String normalizePin(String pin) {
    String hex = pin.replace(":", "").trim().toLowerCase();
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "tls.pinSha256: must be 64 hex digits (colons allowed), the SHA-256 of the certificate");
    }
    return hex;
  }

  private static X509TrustManager caTrustManager(String caFile) {
    try (InputStream in = Files.newInputStream(Path.of(caFile))) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new IllegalArgumentException("tls.caFile: no certificate in " + caFile);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("no X509TrustManager");
    } catch (IOException e) {
      throw new IllegalArgumentException("tls.caFile: cannot read " + caFile + ": " + e, e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "tls.caFile: not a PEM certificate file: " + caFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsTrust t && toJson().equals(t.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "TlsTrust" + toJson().encode();
  }

  /** The CA's verdict (when a CA is given), then the pin's (when a pin is given). */
  private record PinnedTrustManager(X509TrustManager ca, String pin) implements X509TrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the server sent no certificate");
      }
      if (ca != null) {
        ca.checkServerTrusted(chain, authType);
      }
      if (pin != null) {
        String actual = sha256(chain[0]);
        if (!pin.equals(actual)) {
          throw new CertificateException(
              "server certificate SHA-256 " + actual + " does not match the pinned " + pin);
        }
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return ca == null ? new X509Certificate[0] : ca.getAcceptedIssuers();
    }
  }
}
