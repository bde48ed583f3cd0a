package io.cloudbus.mock.impl;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads an admin request body as raw bytes, whatever its {@code Content-Type} says: {@code curl -d
 * @batch.json} sends {@code application/x-www-form-urlencoded}, and form decoding would mangle a
 * JSON body holding {@code %} or {@code +}. Bodies over {@link #maxBytes} end the request with a
 * 413 JSON answer naming the limit, as soon as the declared length or the bytes read exceed it.
 */
final class AdminBodyReader implements Handler<RoutingContext> {

  /** The routing-context key of the body {@link Buffer}. */
  static final String BODY = "cloudbus.adminBody";

  private final long maxBytes;

  AdminBodyReader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void handle(RoutingContext rc) {
    String declared = rc.request().getHeader("Content-Length");
    if (declared != null && tooLong(declared)) {
      tooLarge(rc);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] failed = {false};
    rc.request()
        .handler(
            chunk -> {
              if (failed[0]) {
                return;
              }
              if (body.length() + chunk.length() > maxBytes) {
                failed[0] = true;
                tooLarge(rc);
                return;
              }
              body.appendBuffer(chunk);
            });
    rc.request()
        .endHandler(
            v -> {
              if (!failed[0]) {
                rc.put(BODY, body);
                rc.next();
              }
            });
    rc.request().exceptionHandler(e -> failed[0] = true);
    rc.request().resume();
  }

  private boolean tooLong(String declared) {
    try {
      return Long.parseLong(declared.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void tooLarge(RoutingContext rc) {
    if (!rc.response().ended()) {
      rc.response().putHeader("Connection", "close");
      AdminApi.error(rc, 413, limitMessage(maxBytes));
    }
  }

  /** The 413 message: names the limit in bytes and MiB. */
  static String limitMessage(long maxBytes) {
    return "request body larger than "
        + maxBytes
        + " bytes: the admin API accepts at most "
        + (maxBytes / 1_048_576)
        + " MiB per request";
  }

  /** The body read by this handler (empty when none). */
  static String bodyOf(RoutingContext rc) {
    Buffer body = rc.get(BODY);
    return body == null ? "" : body.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
