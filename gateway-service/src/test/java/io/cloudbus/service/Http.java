package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Blocking HTTP GETs for tests (test thread only). */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(PATIENT).build();

  private Http() {}

  static HttpResponse<String> get(int port, String path, String bearer) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(PATIENT);
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(int port, String path) {
    return get(port, path, null);
  }
}
