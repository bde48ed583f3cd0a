package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static io.cloudbus.cli.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cloudbus login simplisafe} against the mock's Auth0 tenant, as a user would do it. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LoginSimpliSafeIT {

  private final Vertx vertx = Vertx.vertx();

  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void storesTheRefreshTokenFromThePastedRedirectUrl() throws Exception {
    MockCloud mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    Path store = dir.resolve("tokens.json");
    PipedWriter stdin = new PipedWriter();
    try (CliRun cli = new CliRun(new PipedReader(stdin))) {
      // GIVEN the helper printed the authorize URL
      cli.start(
          "login",
          "simplisafe",
          "--auth-base-url",
          mock.endpoints("simplisafe").getString("authBaseUrl"),
          "--token-store",
          store.toString(),
          "--account",
          "home");
      await().atMost(PATIENT).until(() -> cli.out().contains("Paste"));
      String url =
          cli.out()
              .lines()
              .map(String::trim)
              .filter(l -> l.startsWith("http"))
              .findFirst()
              .orElseThrow();
      assertThat(url).contains("code_challenge=", "code_challenge_method=S256");

      // WHEN the user signs in (the mock approves at once) and pastes the failed redirect URL
      var redirect = Http.get(url);
      assertThat(redirect.statusCode()).isBetween(300, 399);
      String location = redirect.headers().firstValue("Location").orElseThrow();
      assertThat(location).startsWith("com.simplisafe.mobile://");
      stdin.write(location + "\n");
      stdin.flush();

      // THEN the refresh token is stored under simplisafe/home and never printed
      assertThat(cli.exit().get(PATIENT_SECONDS, TimeUnit.SECONDS)).isZero();
      JsonObject saved = new JsonObject(Files.readString(store));
      assertThat(saved.fieldNames()).contains("simplisafe/home");
      String refresh = saved.getJsonObject("simplisafe/home").getString("refresh_token");
      assertThat(refresh).isNotBlank();
      assertThat(cli.out() + cli.err())
          .doesNotContain(refresh)
          .contains("Stored the refresh token");
    } finally {
      mock.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Test
  void aWrongCodeFailsWithExitOne() throws Exception {
    MockCloud mock =
        MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    try {
      CliRun cli = new CliRun("not-a-valid-code\n");
      int exit =
          cli.execute(
              "login",
              "simplisafe",
              "--auth-base-url",
              mock.endpoints("simplisafe").getString("authBaseUrl"),
              "--token-store",
              dir.resolve("t.json").toString());
      assertThat(exit).isEqualTo(ExitCodes.FAILURE);
      assertThat(cli.err()).contains("login simplisafe failed").doesNotContain("not-a-valid-code");
      assertThat(dir.resolve("t.json")).doesNotExist();
    } finally {
      mock.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
