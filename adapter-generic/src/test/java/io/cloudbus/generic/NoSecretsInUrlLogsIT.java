package io.cloudbus.generic;

import static io.cloudbus.generic.ItSupport.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Secrets templated into a socket URL's path never reach a log line, at DEBUG included: a profile
 * that puts its token and an API key into the path connects with a wrong token to the mock cloud
 * (which refuses that path) while every log line of the process is captured.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NoSecretsInUrlLogsIT {

  private static final String TOKEN = "o.WRONGTOKEN999";
  private static final String API_KEY = "k3y.with~tilde";

  @RegisterExtension static final MockCloudExtension MOCK = ItSupport.mockCloud();

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Level rootLevel;

  @BeforeEach
  void capture() {
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void release() {
    root.detachAppender(logs);
    root.setLevel(rootLevel);
  }

  @Test
  void aTokenAndAKeyInThePathAreRedactedInEveryLine(Vertx vertx, MockCloud cloud) {
    // GIVEN a profile that templates both secrets into the path (and the key into the query)
    String base = cloud.endpoints("home-assistant").getString("url");
    JsonObject config =
        new JsonObject()
            .put("adapter", "generic")
            .put("profile", "src/test/resources/profiles/path-token.yaml")
            .put("account", "lab")
            .put("url", base.replaceAll("/+$", ""))
            .put("token", TOKEN)
            .put("apiKey", API_KEY)
            .put("socket", ItSupport.fastSocket());

    // WHEN it connects (and fails) a few times
    ItSupport.Deployed d = ItSupport.deploy(vertx, config);
    await()
        .atMost(WAIT)
        .until(
            () ->
                lines().stream()
                        .filter(l -> l.contains("opening") && l.contains("/websocket/"))
                        .count()
                    >= 2);
    ItSupport.join(vertx.undeploy(d.socket().deploymentID()));

    // THEN the URL was logged with its secrets hidden, and no line holds either secret
    List<String> lines = lines();
    assertThat(lines).anyMatch(l -> l.contains("/websocket/***/k/***"));
    assertThat(lines).noneMatch(l -> l.contains("WRONGTOKEN")).noneMatch(l -> l.contains("k3y"));
  }

  @Test
  void aSecretThatMakesTheUrlInvalidIsNotQuotedByTheError(Vertx vertx, MockCloud cloud) {
    // GIVEN a key with a character a URL cannot hold
    String base = cloud.endpoints("home-assistant").getString("url");
    JsonObject config =
        new JsonObject()
            .put("adapter", "generic")
            .put("profile", "src/test/resources/profiles/path-token.yaml")
            .put("account", "lab")
            .put("url", base.replaceAll("/+$", ""))
            .put("token", TOKEN)
            .put("apiKey", "k3y with space")
            .put("socket", ItSupport.fastSocket());

    // WHEN the account is configured THEN a configuration error names the fields, no secret
    assertThatThrownBy(() -> new GenericAdapterProvider().create(vertx, config, null))
        .hasMessage(
            "accounts[lab].url: the connection URL (built from url, apiKey) is not a valid URI"
                + " (check their characters)");

    // and a socket built without that check (embedded, by its constructor) stops at its first
    // connection with a configuration error that quotes nothing either
    VendorProfile profile = VendorProfile.load(config.getString("profile"));
    GenericCloudSocket socket =
        new GenericCloudSocket(
            CloudSocketOptions.fromJson(
                ItSupport.fastSocket().put("vendor", profile.vendor()).put("account", "lab")),
            null,
            profile,
            GenericCloudSocket.resolveConfig(profile, config, "accounts[lab]"),
            null);
    ItSupport.join(vertx.deployVerticle(socket));
    await().atMost(WAIT).until(() -> socket.state() == ConnectionState.STOPPED);
    assertThat(socket.status().getString("reason")).startsWith("connection.url:");
    assertThat(socket.status().encode()).doesNotContain("WRONGTOKEN").doesNotContain("k3y");
    assertThat(lines()).noneMatch(l -> l.contains("WRONGTOKEN") || l.contains("k3y"));
  }

  private List<String> lines() {
    synchronized (logs.list) {
      return logs.list.stream()
          .map(
              e ->
                  e.getFormattedMessage()
                      + (e.getThrowableProxy() == null
                          ? ""
                          : " " + e.getThrowableProxy().getMessage()))
          .toList();
    }
  }
}
