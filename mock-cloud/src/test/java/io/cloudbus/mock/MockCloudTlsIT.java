package io.cloudbus.mock;

import static io.cloudbus.mock.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mock cloud with {@code tls}: every endpoint on HTTPS/WSS with the self-signed certificate it
 * made, written to the printed CA file with the printed fingerprint; clients trusting that file get
 * in, clients trusting only the JVM's CAs are refused.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MockCloudTlsIT {

  @RegisterExtension
  static MockCloudExtension mock =
      new MockCloudExtension(
          new MockCloudOptions().tls(true).emulations(List.of(new EchoEmulation())), null);

  @Test
  void describeNamesTheCaFileAndItsFingerprint() throws Exception {
    JsonObject line = mock.cloud().describe();
    assertThat(line.getString("admin")).startsWith("https://");
    JsonObject tls = line.getJsonObject("tls");
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(java.nio.file.Path.of(tls.getString("caFile")))) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    String fingerprint =
        HexFormat.ofDelimiter(":")
            .withUpperCase()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    assertThat(tls.getString("sha256")).isEqualTo(fingerprint);
    assertThat(cert.getSubjectAlternativeNames())
        .extracting(san -> (Object) san.get(1))
        .contains((Object) "localhost", (Object) "127.0.0.1");
    assertThat(line.getJsonObject("vendors").getJsonObject("echo").getString("socketUrl"))
        .startsWith("wss://");
    assertThat(line.getJsonObject("vendors").getJsonObject("echo").getString("tokenUrl"))
        .startsWith("https://");
  }

  @Test
  void restAndAdminAnswerClientsTrustingTheCaAndRefuseOthers() throws Exception {
    // the admin client of the extension trusts the certificate
    assertThat(mock.admin().stats().containsKey("echo")).isTrue();
    HttpRequest stats =
        HttpRequest.newBuilder(URI.create(mock.cloud().adminUrl() + "/stats")).build();
    HttpClient trusting =
        HttpClient.newBuilder().sslContext(mock.cloud().tls().clientContext()).build();
    assertThat(trusting.send(stats, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    // WireMock's REST side too (an unknown route answers, over TLS)
    HttpRequest rest =
        HttpRequest.newBuilder(URI.create(mock.cloud().restBaseUrl() + "/echo/nothing")).build();
    assertThat(trusting.send(rest, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isGreaterThanOrEqualTo(400);
    HttpClient jvmDefault = HttpClient.newHttpClient();
    assertThatThrownBy(() -> jvmDefault.send(stats, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void webSocketsAreServedOverWss() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      WebSocketClient client =
          vertx.createWebSocketClient(
              new WebSocketClientOptions()
                  .setTrustOptions(
                      new PemTrustOptions().addCertPath(mock.cloud().tls().caFile().toString())));
      String url = mock.cloud().endpoints("echo").getString("socketUrl");
      WebSocket ws =
          client
              .connect(new WebSocketConnectOptions().setAbsoluteURI(url))
              .await(PATIENT_SECONDS, TimeUnit.SECONDS);
      assertThat(ws.isSsl()).isTrue();
      ws.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
