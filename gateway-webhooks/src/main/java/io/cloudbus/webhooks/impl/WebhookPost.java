package io.cloudbus.webhooks.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeoutException;

/**
 * One POST of a webhook with a cost bounded whatever the receiver does: the answer's status must
 * come within the timeout (a receiver that accepts the connection and never answers, or answers a
 * byte a second, fails the attempt), and the body, which nothing reads, is discarded as it arrives
 * and cut off beyond {@link #MAX_BODY_BYTES} or the timeout (a receiver that streams forever, such
 * as an event stream configured by mistake, neither fills the heap nor holds the lane).
 */
final class WebhookPost {

  /** Bytes of an answer's body read (and discarded) before the connection is reset. */
  static final long MAX_BODY_BYTES = 1 << 20;

  private final Vertx vertx;
  private final HttpClient http;

  WebhookPost(Vertx vertx, HttpClient http) {
    this.vertx = vertx;
    this.http = http;
  }

  /**
   * Posts {@code request} to {@code url}; completes with the answer's status as soon as it is
   * known, fails on no answer within {@code timeoutMs} or a connection failure.
   */
  Future<Integer> send(String url, WebhookRequest request, long timeoutMs) {
    Promise<Integer> status = Promise.promise();
    HttpClientRequest[] sent = new HttpClientRequest[1];
    long deadline =
        vertx.setTimer(
            timeoutMs,
            id -> {
              if (status.tryFail(new TimeoutException("no answer within " + timeoutMs + " ms"))
                  && sent[0] != null) {
                sent[0].reset();
              }
            });
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .setHeaders(request.headers())
            .setConnectTimeout(timeoutMs)
            .setIdleTimeout(timeoutMs);
    http.request(options)
        .compose(
            req -> {
              sent[0] = req;
              if (status.future().isComplete()) {
                req.reset();
              }
              return req.send(request.body());
            })
        .onComplete(
            ar -> {
              vertx.cancelTimer(deadline);
              if (ar.failed()) {
                status.tryFail(ar.cause());
                return;
              }
              HttpClientResponse response = ar.result();
              if (status.tryComplete(response.statusCode())) {
                discardBody(response, timeoutMs);
              } else {
                response.request().reset();
              }
            });
    return status.future();
  }

  /** Reads the body away, up to its bound in size and time; the connection is reset beyond. */
  private void discardBody(HttpClientResponse response, long timeoutMs) {
    long[] read = {0};
    long cutOff = vertx.setTimer(timeoutMs, id -> response.request().reset());
    response.handler(
        chunk -> {
          read[0] += chunk.length();
          if (read[0] > MAX_BODY_BYTES) {
            vertx.cancelTimer(cutOff);
            response.request().reset();
          }
        });
    response.exceptionHandler(err -> vertx.cancelTimer(cutOff));
    response.endHandler(v -> vertx.cancelTimer(cutOff));
  }
}
