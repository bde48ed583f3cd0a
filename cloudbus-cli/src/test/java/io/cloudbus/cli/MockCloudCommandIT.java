package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MockCloudCommandIT {

  @Test
  void printsOneJsonLineWithTheAdminUrlAndEveryVendor() throws Exception {
    try (CliRun cli = new CliRun()) {
      cli.start("mock-cloud", "--port", "0", "--rest-port", "0");
      await().atMost(PATIENT).until(() -> cli.out().contains("\n") || cli.exit().isDone());

      String first = cli.out().lines().findFirst().orElseThrow();
      JsonObject line = new JsonObject(first);
      String admin = line.getString("admin");
      assertThat(admin).matches("http://127\\.0\\.0\\.1:\\d+/admin");
      assertThat(line.getJsonObject("vendors").fieldNames())
          .contains("simplisafe", "bticino", "home-assistant", "pylight");
      assertThat(line.getJsonObject("vendors").getJsonObject("bticino").getString("socketUrl"))
          .startsWith("ws://127.0.0.1:");
      assertThat(Http.get(admin + "/stats").statusCode()).isEqualTo(200);

      assertThat(cli.stop()).isZero();
      assertThat(cli.err()).doesNotContain("Exception");
    }
  }

  @Test
  void withTlsServesHttpsAndPrintsTheCertificateAndItsFingerprint() throws Exception {
    try (CliRun cli = new CliRun()) {
      cli.start("mock-cloud", "--port", "0", "--rest-port", "0", "--tls");
      await().atMost(PATIENT).until(() -> cli.out().contains("\n") || cli.exit().isDone());

      JsonObject line = new JsonObject(cli.out().lines().findFirst().orElseThrow());
      assertThat(line.getString("admin")).matches("https://127\\.0\\.0\\.1:\\d+/admin");
      assertThat(line.getJsonObject("vendors").getJsonObject("bticino").getString("socketUrl"))
          .startsWith("wss://127.0.0.1:");
      JsonObject tls = line.getJsonObject("tls");
      assertThat(java.nio.file.Path.of(tls.getString("caFile"))).exists();
      assertThat(tls.getString("sha256")).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
      await()
          .atMost(PATIENT)
          .until(() -> cli.err().contains("TLS certificate " + tls.getString("caFile")));
      assertThat(cli.err()).contains("SHA-256 " + tls.getString("sha256"));
      // the admin API answers a client that trusts the printed certificate
      java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (java.io.InputStream in =
          java.nio.file.Files.newInputStream(java.nio.file.Path.of(tls.getString("caFile")))) {
        trust.setCertificateEntry(
            "mock",
            java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      javax.net.ssl.TrustManagerFactory tmf =
          javax.net.ssl.TrustManagerFactory.getInstance(
              javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      java.net.http.HttpResponse<String> stats =
          java.net.http.HttpClient.newBuilder()
              .sslContext(ssl)
              .build()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(line.getString("admin") + "/stats"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(stats.statusCode()).isEqualTo(200);
      assertThat(cli.stop()).isZero();
    }
  }
}
