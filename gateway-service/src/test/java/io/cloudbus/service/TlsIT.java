package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** TLS with a PEM certificate and key (made with openssl; skipped when it is missing). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TlsIT {

  @Test
  void servesHttpsAndTlsTcp(Vertx vertx, @TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl missing");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process p =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .redirectOutput(new File(dir.toFile(), "openssl.log"))
            .start();
    assertThat(p.waitFor(PATIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
    Assumptions.assumeTrue(p.exitValue() == 0, "openssl could not make a certificate");
    GatewayService service =
        GatewayService.start(
                vertx, TestEvents.options().tls(cert.toString(), key.toString()).build())
            .await();
    try {
      assertThat(service.urls().get("dashboard")).startsWith("https://");
      assertThat(service.urls().get("tcp")).startsWith("tls://");
      PemTrustOptions trust = new PemTrustOptions().addCertPath(cert.toString());
      // clients held in variables: Vert.x 5 closes unreachable clients
      var http =
          vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(trust));
      var tcp =
          vertx.createNetClient(
              new NetClientOptions()
                  .setSsl(true)
                  .setHostnameVerificationAlgorithm("HTTPS")
                  .setTrustOptions(trust));
      String body =
          http.request(HttpMethod.GET, service.httpPort(), "127.0.0.1", "/health")
              .compose(req -> req.send().compose(resp -> resp.body()))
              .await()
              .toString();
      assertThat(new JsonObject(body).getString("status")).isEqualTo("UP");
      // the TCP bridge answers a ping over TLS
      var socket = tcp.connect(service.tcpPort(), "127.0.0.1").await();
      var pong = io.vertx.core.Promise.<String>promise();
      socket.handler(b -> pong.tryComplete(b.getString(4, b.length())));
      byte[] ping = TcpTestClient.frame(new JsonObject().put("type", "ping"));
      socket.write(io.vertx.core.buffer.Buffer.buffer(ping)).await();
      assertThat(new JsonObject(pong.future().await()).getString("type")).isEqualTo("pong");
      socket.close();
      http.close();
      tcp.close();
    } finally {
      service.close().await();
    }
  }
}
