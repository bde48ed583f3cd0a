package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.auth.OAuth2Client;
import io.cloudbus.core.testing.PasswordAuth;
import io.cloudbus.core.testing.TestSocket;
import io.cloudbus.core.testing.TestTokenEndpoint;
import io.cloudbus.core.testing.TestTokenEndpoint.Answer;
import io.cloudbus.core.testing.TestWsServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** A full login, connect, refresh, reconnect and failure cycle never logs a secret. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NoSecretsInLogsIT {

  @Test
  void noSecretInAnyLogLineOrException(Vertx vertx) throws Exception {
    // GIVEN captured logs (DEBUG for io.cloudbus) and secrets that all contain SECRET
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    TestTokenEndpoint endpoint = CloudSocketIT.get(new TestTokenEndpoint(vertx).start());
    endpoint.responder =
        r -> {
          int n = endpoint.issued.incrementAndGet();
          return Answer.json(
              200,
              new JsonObject()
                  .put("access_token", "access-SECRET-" + n)
                  .put("refresh_token", "refresh-SECRET-" + n)
                  .put("expires_in", 3600));
        };
    TestWsServer server = CloudSocketIT.get(new TestWsServer(vertx).start());
    try {
      OAuth2Client client =
          OAuth2Client.builder(vertx, endpoint.url())
              .clientId("cid")
              .clientSecret("client-SECRET")
              .build();
      PasswordAuth auth =
          new PasswordAuth(
              vertx, AuthOptions.builder("test/acc").build(), client, "me", "password-SECRET");
      TestSocket socket =
          new TestSocket(
              CloudSocketOptions.builder("test", "acc")
                  .reconnectInitialDelayMs(50)
                  .authFailedRetryMs(100)
                  .build(),
              auth,
              server.port());

      // WHEN login, connect, a command, a refresh (reconnect), a refused token and a refused
      // refresh all happen
      CloudSocketIT.get(vertx.deployVerticle(socket));
      await().atMost(Patience.PATIENT).until(() -> socket.state() == ConnectionState.CONNECTED);
      CloudSocketIT.get(socket.sendMessage(new JsonObject().put("type", "echo").put("data", 1)));
      CloudSocketIT.get(auth.refresh());
      await().atMost(Patience.PATIENT).until(() -> server.received("auth").size() >= 2);
      server.tokenOk = t -> false;
      endpoint.responder = r -> Answer.json(400, new JsonObject().put("error", "invalid_grant"));
      server.closeAll();
      await().atMost(Patience.PATIENT).until(() -> socket.state() == ConnectionState.AUTH_FAILED);
      CloudSocketIT.get(vertx.undeploy(socket.deploymentID()));

      // THEN the flow really ran (tokens went over the wire) but no log line shows a secret
      assertThat(server.received("auth").get(0).getString("token")).contains("SECRET");
      assertThat(logs.list).hasSizeGreaterThan(20);
      for (ILoggingEvent e : logs.list) {
        String line =
            e.getFormattedMessage()
                + (e.getThrowableProxy() == null
                    ? ""
                    : ThrowableProxyUtil.asString(e.getThrowableProxy()));
        assertThat(line).as(e.getLoggerName()).doesNotContain("SECRET");
      }
      assertThat(socket.status().encode()).doesNotContain("SECRET");
    } finally {
      root.detachAppender(logs);
      CloudSocketIT.get(server.close());
      CloudSocketIT.get(endpoint.close());
    }
  }
}
