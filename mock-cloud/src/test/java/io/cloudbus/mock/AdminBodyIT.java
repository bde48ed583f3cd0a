package io.cloudbus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Admin bodies as {@code curl -d @file} sends them: read as JSON whatever the content type says,
 * {@code %} and {@code +} untouched, 1 MiB at most (413 naming the limit, with or without a
 * declared length), and every 4xx body naming what is wrong.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AdminBodyIT {
  @RegisterExtension
  static MockCloudExtension mock = new MockCloudExtension(List.of(new EchoEmulation()));

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(mock.cloud().adminUrl() + path))
            .timeout(Duration.ofMinutes(1))
            .POST(body);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFormEncodedBatchWithPercentSignsIsReadAsJson() throws Exception {
    // GIVEN curl -d @batch.json: three events, a '%' and a '+', sent as a form
    String batch = "[{\"n\":\"100% sure\"},{\"n\":\"a+b\"},{\"n\":\"%zz\"}]";
    // WHEN posted with curl's content type, and with none
    for (String type : new String[] {"application/x-www-form-urlencoded", null, "text/plain"}) {
      HttpResponse<String> r =
          post("/echo/events", type, HttpRequest.BodyPublishers.ofString(batch));
      // THEN all three are taken as JSON
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getInteger("pushed")).isEqualTo(3);
    }
  }

  @Test
  void bodiesOverOneMebibyteAre413NamingTheLimit() throws Exception {
    byte[] big = ("[" + "{},".repeat(400_000) + "{}]").getBytes(StandardCharsets.UTF_8);
    // declared length
    HttpResponse<String> declared =
        post("/echo/events", "application/json", HttpRequest.BodyPublishers.ofByteArray(big));
    // chunked, no declared length: the limit holds while reading
    HttpResponse<String> chunked =
        post(
            "/echo/events",
            "application/json",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
    for (HttpResponse<String> r : List.of(declared, chunked)) {
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(new JsonObject(r.body()).getString("error"))
          .contains("1048576 bytes")
          .contains("1 MiB");
    }
    // and the server still answers afterwards
    HttpResponse<String> ok =
        post("/echo/events", null, HttpRequest.BodyPublishers.ofString("{\"n\":1}"));
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void badJsonIs400NamingTheParseError() throws Exception {
    HttpResponse<String> r =
        post(
            "/echo/events",
            "application/x-www-form-urlencoded",
            HttpRequest.BodyPublishers.ofString("{\"n\":"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("error"))
        .startsWith("body is not valid JSON")
        .contains("whatever its Content-Type");
  }
}
