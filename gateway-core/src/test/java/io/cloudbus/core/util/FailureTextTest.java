package io.cloudbus.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.UpgradeRejectedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureTextTest {

  @Test
  void failuresReadAsWordsNeverAsClassNames() {
    // GIVEN the failures a socket meets
    List<Throwable> failures =
        List.of(
            new HttpClosedException("Connection was closed"),
            new ConnectException("Connection refused: /127.0.0.1:9000"),
            new UnknownHostException("cloud.example"),
            new SocketTimeoutException("connect timed out"),
            new SSLHandshakeException("PKIX path building failed"),
            new java.io.IOException("Connection reset by peer"),
            new UpgradeRejectedException("x", 503, null, null),
            new RuntimeException((String) null));
    // WHEN described / THEN in words, without any Java class name
    List<String> words = failures.stream().map(FailureText::of).toList();
    assertThat(words)
        .containsExactly(
            "the connection was closed",
            "connection refused (127.0.0.1:9000)",
            "unknown host (cloud.example)",
            "timed out (connect timed out)",
            "the TLS handshake failed (PKIX path building failed)",
            "the connection was reset by the peer",
            "the server refused the WebSocket upgrade (HTTP 503)",
            "an I/O error");
    words.forEach(w -> assertThat(w).doesNotContainPattern("[A-Z][a-z]+Exception"));
  }

  @Test
  void aNettyConnectExceptionSubclassIsStillARefusal() {
    // GIVEN a subclass like Netty's AnnotatedConnectException
    Throwable annotated = new ConnectException("Connection refused: localhost/127.0.0.1:9001") {};
    // THEN it reads as a refusal naming the address
    assertThat(FailureText.of(annotated)).isEqualTo("connection refused (127.0.0.1:9001)");
  }
}
