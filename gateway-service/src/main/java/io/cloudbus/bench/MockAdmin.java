package io.cloudbus.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * The bench's only way to drive the mock cloud: its admin API over loopback HTTP (DESIGN.md), so
 * that the mock does exactly what it does for any other client. Pushes Pylight {@code update}
 * frames, each carrying a sequence number (the generic adapter derives the event id from the frame
 * content, so equal frames would be deduplicated) and the {@link System#nanoTime()} at which the
 * harness built it ({@code sentNanos}, for latency: the bench runs in one process).
 *
 * <p>Threading: any thread; the futures complete on a Vert.x event loop.
 */
final class MockAdmin {

  static final String VENDOR = "pylight";
  static final String TABLE = "products";

  /** A stuck admin call fails after this long instead of hanging the run. */
  static final long REQUEST_TIMEOUT_MS = 10_000;

  private final HttpClient http;
  private final String host;
  private final int port;
  private final String root;
  private long seq;

  MockAdmin(Vertx vertx, String adminUrl) {
    URI uri = URI.create(adminUrl);
    this.host = uri.getHost();
    this.port = uri.getPort();
    this.root = uri.getPath();
    // A fresh loopback connection per call: with keep-alive, a run of sequential admin calls on
    // one connection stalled after some tens of requests here (see docs/benchmarks.md).
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  /** Pushes {@code count} frames to every Pylight socket of the table; returns the frames sent. */
  synchronized Future<Integer> push(int count) {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < count; i++) {
      batch.add(frame(++seq, System.nanoTime()));
    }
    return call(HttpMethod.POST, "/generic/pylight/messages", batch.toBuffer()).map(j -> count);
  }

  /** Drops every Pylight socket with a TCP reset; returns how many were dropped. */
  Future<JsonObject> abortAll() {
    return call(
        HttpMethod.POST,
        "/" + VENDOR + "/disconnect",
        new JsonObject().put("mode", "abort").toBuffer());
  }

  /** The mock's Pylight counters ({@code connections}, {@code handshakes}, {@code pushed}). */
  Future<JsonObject> stats() {
    return call(HttpMethod.GET, "/stats", null).map(j -> j.getJsonObject(VENDOR, new JsonObject()));
  }

  static JsonObject frame(long seq, long sentNanos) {
    return new JsonObject()
        .put("type", "update")
        .put("model", TABLE)
        .put(
            "data",
            new JsonObject()
                .put("id", seq)
                .put("name", "Widget")
                .put("price", 9.5)
                .put("sentNanos", sentNanos));
  }

  private Future<JsonObject> call(HttpMethod method, String path, Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost(host)
            .setPort(port)
            .setURI(root + path)
            .setConnectTimeout(REQUEST_TIMEOUT_MS)
            .setIdleTimeout(REQUEST_TIMEOUT_MS);
    return http.request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(
            resp ->
                resp.body()
                    .compose(
                        b ->
                            resp.statusCode() / 100 == 2
                                ? Future.succeededFuture(
                                    b.length() == 0 ? new JsonObject() : b.toJsonObject())
                                : Future.failedFuture(
                                    "mock admin " + path + ": HTTP " + resp.statusCode())));
  }

  Future<Void> close() {
    return http.close();
  }
}
