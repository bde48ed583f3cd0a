package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Blocking HTTP calls for tests (never on an event loop). */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(PATIENT).build();

  private Http() {}

  static HttpResponse<String> get(String url) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(PATIENT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String url, String json) throws Exception {
    return send("POST", url, json);
  }

  static HttpResponse<String> send(String method, String url, String json) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(PATIENT)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
