package io.cloudbus.simplisafe;

import static io.cloudbus.simplisafe.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudAdminClient;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** No token appears in any log line (DEBUG included) or status over a full cycle. */
@Timeout(300)
class SimpliSafeNoSecretsIT {

  @RegisterExtension static MockCloudExtension mock = new MockCloudExtension();

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  void loginConnectExpiryAndRevocationLogNoToken(MockCloud cloud, MockCloudAdminClient admin) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger ours = (Logger) LoggerFactory.getLogger("io.cloudbus");
    Level before = ours.getLevel();
    ours.setLevel(Level.DEBUG);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    List<String> secrets = new ArrayList<>();
    String refreshToken = TestSupport.demoRefreshToken(cloud);
    secrets.add(refreshToken);
    try (SocketHarness h =
        new SocketHarness(vertx, TestSupport.fastConfig(cloud, "quiet")).deploy()) {
      // GIVEN a connected socket, WHEN tokens expire, THEN it reconnects with a fresh token
      await().atMost(Patience.PATIENT).until(() -> h.is(ConnectionState.CONNECTED));
      secrets.add(h.socket.authHandler().currentToken().accessToken());
      admin.expireAccessTokens("simplisafe");
      await()
          .atMost(Patience.PATIENT)
          .until(
              () ->
                  h.is(ConnectionState.CONNECTED)
                      && !secrets.contains(h.socket.authHandler().currentToken().accessToken()));
      secrets.add(h.socket.authHandler().currentToken().accessToken());
      admin.pushSimpliSafe(new JsonObject().put("eventId", 5).put("eventCid", 1400));
      await().atMost(Patience.PATIENT).until(() -> h.ids().contains("simplisafe-5"));

      // WHEN revoked, THEN auth_failed
      admin.revokeRefreshTokens("simplisafe");
      admin.expireAccessTokens("simplisafe");
      await().atMost(Patience.PATIENT).until(() -> h.is(ConnectionState.AUTH_FAILED));

      // THEN no log line and no status carries a token
      List<String> lines = new ArrayList<>();
      for (ILoggingEvent e : logs.list) {
        lines.add(e.getFormattedMessage());
        if (e.getThrowableProxy() != null) {
          lines.add(e.getThrowableProxy().getMessage());
        }
      }
      h.statuses.forEach(s -> lines.add(s.encode()));
      assertThat(lines).hasSizeGreaterThan(20);
      for (String secret : secrets) {
        assertThat(lines).noneMatch(l -> l != null && l.contains(secret));
      }
    } finally {
      root.detachAppender(logs);
      ours.setLevel(before);
    }
  }
}
