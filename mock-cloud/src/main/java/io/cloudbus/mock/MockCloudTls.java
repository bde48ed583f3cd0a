package io.cloudbus.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS identity of a mock cloud started with {@link MockCloudOptions#tls(boolean)}: a
 * self-signed certificate made at start (EC P-256, names {@code localhost}, {@code 127.0.0.1} and
 * the mock's host, valid 30 days), written as PEM to {@link #caFile()} for clients to trust, with
 * its SHA-256 fingerprint for clients that pin. Immutable.
 */
public final class MockCloudTls {

  /** The file name of the certificate in the TLS directory. */
  public static final String CA_FILE_NAME = "cloudbus-mock-ca.pem";

  private static final String KEY_STORE_NAME = "cloudbus-mock-keystore.p12";

  private static final char[] STORE_PASSWORD = "cloudbus-mock".toCharArray();

  private final X509Certificate certificate;
  private final String keyPem;
  private final Path caFile;
  private final Path keyStore;

  private MockCloudTls(X509Certificate certificate, String keyPem, Path caFile, Path keyStore) {
    this.certificate = certificate;
    this.keyPem = keyPem;
    this.caFile = caFile;
    this.keyStore = keyStore;
  }

  /**
   * Generates the certificate and writes it (and a PKCS#12 key store for WireMock, owner-only) into
   * {@code dir}, or a new temporary directory when null. A {@code dir} that already holds both from
   * an earlier start is reused, so a restarted mock keeps the identity its clients trust. Blocking:
   * call it off event loops.
   */
  public static MockCloudTls generate(String host, Path dir) {
    try {
      if (dir != null
          && Files.isRegularFile(dir.resolve(CA_FILE_NAME))
          && Files.isRegularFile(dir.resolve(KEY_STORE_NAME))) {
        return load(dir);
      }
      Path d =
          dir != null
              ? Files.createDirectories(dir)
              : Files.createTempDirectory("cloudbus-mock-tls");
      SelfSignedCertificates.Generated g =
          SelfSignedCertificates.generate("cloudbus mock cloud", host, 30);
      Path ca = d.resolve(CA_FILE_NAME);
      Files.writeString(ca, pem("CERTIFICATE", g.certificate().getEncoded()));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "mock", g.keys().getPrivate(), STORE_PASSWORD, new Certificate[] {g.certificate()});
      Path p12 = d.resolve(KEY_STORE_NAME);
      try (OutputStream out = Files.newOutputStream(p12)) {
        store.store(out, STORE_PASSWORD);
      }
      ownerOnly(p12);
      return new MockCloudTls(
          g.certificate(), pem("PRIVATE KEY", g.keys().getPrivate().getEncoded()), ca, p12);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the mock cloud's TLS certificate: " + e, e);
    }
  }

  private static MockCloudTls load(Path dir) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (java.io.InputStream in = Files.newInputStream(dir.resolve(KEY_STORE_NAME))) {
      store.load(in, STORE_PASSWORD);
    }
    X509Certificate cert = (X509Certificate) store.getCertificate("mock");
    java.security.Key key = store.getKey("mock", STORE_PASSWORD);
    if (cert == null || key == null) {
      throw new GeneralSecurityException("no mock key entry in " + dir.resolve(KEY_STORE_NAME));
    }
    cert.checkValidity();
    return new MockCloudTls(
        cert,
        pem("PRIVATE KEY", key.getEncoded()),
        dir.resolve(CA_FILE_NAME),
        dir.resolve(KEY_STORE_NAME));
  }

  /** The certificate as PEM, to give clients as their CA. */
  public Path caFile() {
    return caFile;
  }

  /**
   * The certificate's SHA-256 fingerprint as {@code openssl x509 -fingerprint -sha256} writes it.
   */
  public String sha256Fingerprint() {
    try {
      String hex =
          HexFormat.ofDelimiter(":")
              .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
      return hex.toUpperCase(Locale.ROOT);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The server side for Vert.x. */
  public PemKeyCertOptions keyCertOptions() {
    return new PemKeyCertOptions()
        .setKeyValue(Buffer.buffer(keyPem))
        .setCertValue(Buffer.buffer(pem(certificate)));
  }

  /** The PKCS#12 key store (for WireMock) and its password. */
  public Path keyStore() {
    return keyStore;
  }

  public String keyStorePassword() {
    return new String(STORE_PASSWORD);
  }

  /** A client context trusting only this certificate (for {@code java.net.http} clients). */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("mock", certificate);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code {"caFile": "...", "sha256": "AB:CD:..."}}, as {@code cloudbus mock-cloud --tls} prints.
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("caFile", caFile.toAbsolutePath().toString())
        .put("sha256", sha256Fingerprint());
  }

  private static String pem(X509Certificate cert) {
    try {
      return pem("CERTIFICATE", cert.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void ownerOnly(Path file) {
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the temporary directory's own protection applies
    }
  }
}
