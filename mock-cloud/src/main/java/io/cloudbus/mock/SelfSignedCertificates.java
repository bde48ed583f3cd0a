package io.cloudbus.mock;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Makes a self-signed X.509 v3 certificate (EC P-256, SHA-256 with ECDSA) with the subject
 * alternative names {@code localhost} and {@code 127.0.0.1} (plus the mock's host), written in DER
 * by hand: the JDK has no public certificate builder, and its internal one is closed to
 * applications on Java 17. {@code basicConstraints CA:true}, so clients can take it as their CA.
 */
final class SelfSignedCertificates {

  /** A certificate and its key pair. */
  record Generated(X509Certificate certificate, KeyPair keys) {}

  private static final byte[] ECDSA_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
  private static final byte[] COMMON_NAME = oid(2, 5, 4, 3);
  private static final byte[] SUBJECT_ALT_NAME = oid(2, 5, 29, 17);
  private static final byte[] BASIC_CONSTRAINTS = oid(2, 5, 29, 19);
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

  private SelfSignedCertificates() {}

  /** A certificate valid from an hour ago for {@code days}, for {@code host} and loopback. */
  static Generated generate(String commonName, String host, int days)
      throws GeneralSecurityException, java.io.IOException {
    SecureRandom random = new SecureRandom();
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair keys = kpg.generateKeyPair();
    byte[] serial = new byte[16];
    random.nextBytes(serial);
    serial[0] &= 0x7f;
    byte[] name =
        seq(set(seq(COMMON_NAME, tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    byte[] validity =
        seq(
            tlv(0x17, UTC_TIME.format(now.minusHours(1)).getBytes(StandardCharsets.US_ASCII)),
            tlv(0x17, UTC_TIME.format(now.plusDays(days)).getBytes(StandardCharsets.US_ASCII)));
    ByteArrayOutputStream sans = new ByteArrayOutputStream();
    sans.writeBytes(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)));
    sans.writeBytes(tlv(0x87, new byte[] {127, 0, 0, 1}));
    if (host != null && !host.equals("localhost") && !host.equals("127.0.0.1")) {
      sans.writeBytes(
          host.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")
              ? tlv(0x87, java.net.InetAddress.getByName(host).getAddress())
              : tlv(0x82, host.getBytes(StandardCharsets.US_ASCII)));
    }
    byte[] extensions =
        tlv(
            0xa3,
            seq(
                seq(SUBJECT_ALT_NAME, tlv(0x04, tlv(0x30, sans.toByteArray()))),
                seq(
                    BASIC_CONSTRAINTS,
                    tlv(0x01, new byte[] {-1}),
                    tlv(0x04, seq(tlv(0x01, new byte[] {-1}))))));
    byte[] algorithm = seq(ECDSA_SHA256);
    byte[] tbs =
        seq(
            tlv(0xa0, tlv(0x02, new byte[] {2})),
            tlv(0x02, new BigInteger(serial).toByteArray()),
            algorithm,
            name,
            validity,
            name,
            keys.getPublic().getEncoded(),
            extensions);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate(), random);
    signer.update(tbs);
    byte[] signature = signer.sign();
    byte[] bits = new byte[signature.length + 1];
    System.arraycopy(signature, 0, bits, 1, signature.length);
    byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(der));
    cert.verify(keys.getPublic());
    return new Generated(cert, keys);
  }

  private static byte[] seq(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return tlv(0x30, out.toByteArray());
  }

  private static byte[] set(byte[] content) {
    return tlv(0x31, content);
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n & 0xff);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] oid(int... arcs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(arcs[0] * 40 + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      int v = arcs[i];
      int shift = 28;
      boolean started = false;
      for (; shift > 0; shift -= 7) {
        int b = (v >> shift) & 0x7f;
        if (b != 0 || started) {
          out.write(b | 0x80);
          started = true;
        }
      }
      out.write(v & 0x7f);
    }
    return tlv(0x06, out.toByteArray());
  }
}
