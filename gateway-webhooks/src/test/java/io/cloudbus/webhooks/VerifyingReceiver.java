package io.cloudbus.webhooks;

import static io.cloudbus.webhooks.Patience.PATIENT_SECONDS;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a port: verifies every request's signature (401 when it does not verify),
 * records each verified structured event and answers 200.
 */
public final class VerifyingReceiver {

  private final String secret;
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<String> attempts = new CopyOnWriteArrayList<>();
  private HttpServer server;

  public VerifyingReceiver(String secret) {
    this.secret = secret;
  }

  /** Listens on {@code port} of 127.0.0.1 (0: any); blocks until it listens. */
  public VerifyingReceiver listen(Vertx vertx, int port) throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              String ts = req.getHeader(WebhookSignature.TIMESTAMP_HEADER);
                              if (ts == null
                                  || !WebhookSignature.verify(
                                      secret,
                                      Long.parseLong(ts),
                                      body.getBytes(),
                                      req.getHeader(WebhookSignature.SIGNATURE_HEADER))) {
                                badSignatures.incrementAndGet();
                                req.response().setStatusCode(401).end();
                                return;
                              }
                              JsonObject event = new JsonObject(body);
                              attempts.add(event.getString("id"));
                              if (refused.contains(event.getString("id"))) {
                                req.response().setStatusCode(400).end();
                                return;
                              }
                              received.add(event);
                              req.response().setStatusCode(200).end();
                            }))
            .listen(port, "127.0.0.1")
            .await(PATIENT_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  /** Events with this id are answered 400 (refused: dead-lettered by the output). */
  public VerifyingReceiver refuse(String id) {
    refused.add(id);
    return this;
  }

  /** Ids of every verified request, refused ones included, in arrival order. */
  public List<String> attempts() {
    return attempts;
  }

  public int port() {
    return server.actualPort();
  }

  /** The verified events, in arrival order. */
  public List<JsonObject> received() {
    return received;
  }

  /** Ids of the verified events of {@code account}, in arrival order. */
  public List<String> ids(String account) {
    return received.stream()
        .filter(e -> account.equals(e.getString("account")))
        .map(e -> e.getString("id"))
        .toList();
  }

  public int badSignatures() {
    return badSignatures.get();
  }

  public void close() throws Exception {
    if (server != null) {
      server.close().await(PATIENT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
