package io.cloudbus.mock;

import static io.cloudbus.mock.Patience.PATIENT;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Blocking REST calls for tests (JUnit thread only). */
final class RestClient {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PATIENT).build();

  record Reply(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  static Reply form(String url, String form) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  static Reply get(String url, String bearer) throws Exception {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET();
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    return send(builder);
  }

  static Reply send(HttpRequest.Builder builder) throws Exception {
    HttpResponse<String> response =
        HTTP.send(builder.timeout(PATIENT).build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }

  private RestClient() {}
}
