package io.cloudbus.service;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Server-Sent Events reader: collects the stream's events, fields and comments. */
final class SseTestClient {

  /** One dispatched SSE event (null fields: absent). */
  record SseEvent(String id, String event, String data, String retry, boolean comment) {
    JsonObject json() {
      return new JsonObject(data);
    }
  }

  final List<SseEvent> blocks = new CopyOnWriteArrayList<>();
  private final HttpClient client;
  private final StringBuilder pending = new StringBuilder();
  int status;
  String contentType;
  String body = "";

  private SseTestClient(HttpClient client) {
    this.client = client;
  }

  static SseTestClient connect(Vertx vertx, int port, String uri, Map<String, String> headers) {
    HttpClient http = vertx.createHttpClient();
    SseTestClient c = new SseTestClient(http);
    http.request(HttpMethod.GET, port, "127.0.0.1", uri)
        .compose(
            req -> {
              headers.forEach(req::putHeader);
              return req.send();
            })
        .onSuccess(c::onResponse)
        .await();
    return c;
  }

  private void onResponse(HttpClientResponse resp) {
    status = resp.statusCode();
    contentType = resp.getHeader("Content-Type");
    resp.handler(this::onData);
  }

  private synchronized void onData(Buffer data) {
    body += data.toString();
    pending.append(data.toString());
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String block = pending.substring(0, end);
      pending.delete(0, end + 2);
      String id = null;
      String event = null;
      String payload = null;
      String retry = null;
      boolean comment = false;
      for (String line : block.split("\n")) {
        if (line.startsWith(":")) {
          comment = true;
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          payload = line.substring(6);
        } else if (line.startsWith("retry: ")) {
          retry = line.substring(7);
        }
      }
      blocks.add(new SseEvent(id, event, payload, retry, comment));
    }
  }

  /** The dispatched events ({@code data:} blocks), in order. */
  List<SseEvent> events() {
    return blocks.stream().filter(b -> b.data() != null).toList();
  }

  /** The {@code id:} of the last event. */
  String lastId() {
    List<SseEvent> e = events();
    return e.get(e.size() - 1).id();
  }

  void close() {
    client.close().await();
  }
}
