package io.cloudbus.mqtt;

import static io.cloudbus.mqtt.Patience.PATIENT;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for {@code 127.0.0.1} / {@code localhost}, made by Debian's
 * {@code openssl} for a TLS broker in a test.
 */
public record MqttTestCertificate(Path certFile, Path keyFile) {

  static final Path OPENSSL = Path.of("/usr/bin/openssl");

  public static boolean opensslInstalled() {
    return Files.isExecutable(OPENSSL);
  }

  /** Generates {@code <name>.pem} and {@code <name>.key} in {@code dir}. */
  public static MqttTestCertificate generate(Path dir, String name) throws Exception {
    Path cert = dir.resolve(name + ".pem");
    Path key = dir.resolve(name + ".key");
    Process p =
        new ProcessBuilder(
                List.of(
                    OPENSSL.toString(),
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                    "-nodes",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=localhost",
                    "-addext",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout",
                    key.toString(),
                    "-out",
                    cert.toString()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(PATIENT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl req failed: " + out);
    }
    return new MqttTestCertificate(cert, key);
  }

  /** The certificate's SHA-256 fingerprint, 64 hex digits. */
  public String sha256() throws Exception {
    var x509 =
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile)));
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(x509.getEncoded()));
  }
}
