package io.cloudbus.client;

import static io.cloudbus.client.Patience.PATIENT;
import static io.cloudbus.client.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.client.testserver.ProtocolServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** TLS follows the scheme, on any port (nwebsocket chose TLS by port 443). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebSocketTlsIT {

  private static final String STORE = "test-server.p12";
  private static final char[] PASSWORD = "changeit".toCharArray();

  private static SSLContext trustingTestCert() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = WebSocketTlsIT.class.getClassLoader().getResourceAsStream(STORE)) {
      ks.load(in, PASSWORD);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void wssConnectsWithTlsOnAnyPort(Vertx vertx) throws Exception {
    HttpServerOptions tls =
        new HttpServerOptions()
            .setSsl(true)
            .setKeyCertOptions(new PfxOptions().setPath(STORE).setPassword("changeit"));
    ProtocolServer server = new ProtocolServer(vertx, tls);
    server.start().await();
    assertThat(server.port()).isNotEqualTo(443);
    WebSocketOptions opts = WebSocketOptions.builder().sslContext(trustingTestCert()).build();
    List<String> messages = new CopyOnWriteArrayList<>();
    WebSocket ws =
        new WebSocket("wss://127.0.0.1:" + server.port() + "/ws/events?x=1", opts)
            .onmessage(m -> messages.add(m.data()));
    await().atMost(PATIENT).until(() -> messages.size() == 1);
    assertThat(messages).containsExactly("{\"type\":\"welcome\"}");
    assertThat(server.last().query).isEqualTo("x=1");
    ws.close();
    assertThat(ws.closed().join().wasClean()).isTrue();

    // https:// service URLs mean wss:// too
    try (CloudbusClient client =
        CloudbusClient.builder()
            .serviceUrl(server.baseUrl())
            .requestTimeout(PATIENT)
            .sslContext(trustingTestCert())
            .connect()) {
      assertThat(client.ping()).isNotNull();
    }
    server.stop().await();
  }

  @Test
  void wssToAPlainServerFailsInsteadOfFallingBackToPlainText(Vertx vertx) {
    ProtocolServer plain = new ProtocolServer(vertx);
    plain.start().await();
    WebSocket ws = new WebSocket("wss://127.0.0.1:" + plain.port() + "/ws/events");
    CloseEvent ev = ws.closed().orTimeout(PATIENT_SECONDS, TimeUnit.SECONDS).join();
    assertThat(ev.code()).isEqualTo(1006);
    assertThat(ws.opened()).isCompletedExceptionally();
    assertThat(plain.connections).isEmpty();
    plain.stop().await();
  }
}
