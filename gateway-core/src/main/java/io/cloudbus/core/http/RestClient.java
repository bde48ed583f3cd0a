package io.cloudbus.core.http;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Authorized JSON REST calls for adapters (catch-up, topology): the current token of an {@link
 * AuthHandler} as {@code Authorization: Bearer}, and on HTTP 401 one {@link
 * AuthHandler#tokenRejected} (single-flight refresh) and one retry.
 *
 * <p>Failures are {@link CloudbusException}s: 401 after the retry and 403 are {@code AUTH} (a
 * vendor overrides statuses with {@link #classifier(StatusClassifier)}), 429 {@code RATE_LIMITED}
 * with {@code Retry-After}, 408/409/5xx, network errors, timeouts and non-JSON bodies {@code
 * TRANSIENT}, other 4xx {@code CONFIGURATION}. Messages name the method, the URL without query and
 * the status; never a token. A 204 or empty body is an empty JSON object.
 *
 * <p>Configure before use (the setters are not thread-safe); afterwards thread-safe.
 */
public final class RestClient {

  /** Default bound on one request. */
  public static final long DEFAULT_TIMEOUT_MS = 30_000;

  /** Classifies an HTTP error status of a REST call; null = the default. */
  @FunctionalInterface
  public interface StatusClassifier {
    FailureClass classify(int status, Object body);
  }

  private final WebClient client;
  private final AuthHandler auth;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private long timeoutMs = DEFAULT_TIMEOUT_MS;
  private StatusClassifier classifier;
  private Clock clock = Clock.systemUTC();

  /**
   * @param auth supplies the bearer token; null for unauthenticated calls
   */
  public RestClient(WebClient client, AuthHandler auth) {
    this.client = BoundedBody.guard(Objects.requireNonNull(client, "client"));
    this.auth = auth;
  }

  public RestClient(Vertx vertx, AuthHandler auth) {
    this(WebClient.create(vertx), auth);
  }

  /** A header on every request (e.g. {@code User-Agent}). */
  public RestClient header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public RestClient timeoutMs(long timeoutMs) {
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("timeoutMs must be > 0");
    }
    this.timeoutMs = timeoutMs;
    return this;
  }

  public RestClient classifier(StatusClassifier classifier) {
    this.classifier = classifier;
    return this;
  }

  public RestClient clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** GET returning a JSON object. */
  public Future<JsonObject> getJson(String url) {
    return requestJson(HttpMethod.GET, url, HttpRequest::send).compose(RestClient::asObject);
  }

  /** POST of a JSON body returning a JSON object. */
  public Future<JsonObject> postJson(String url, JsonObject body) {
    return requestJson(HttpMethod.POST, url, r -> r.sendJsonObject(body))
        .compose(RestClient::asObject);
  }

  /** POST of a form returning a JSON object. */
  public Future<JsonObject> postForm(String url, MultiMap form) {
    return requestJson(HttpMethod.POST, url, r -> r.sendForm(form)).compose(RestClient::asObject);
  }

  /**
   * Any call: {@code sender} sends the prepared request (headers and bearer token set). Returns the
   * parsed JSON value ({@link JsonObject}, {@link JsonArray}, a string or number).
   */
  public Future<Object> requestJson(
      HttpMethod method,
      String url,
      Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> sender) {
    String where = method + " " + redact(url);
    if (auth == null) {
      return attempt(method, url, null, sender, where);
    }
    return auth.validToken()
        .compose(
            token ->
                attempt(method, url, token, sender, where)
                    .recover(
                        err -> {
                          if (!(err instanceof Unauthorized)) {
                            return Future.failedFuture(err);
                          }
                          return auth.tokenRejected(token)
                              .compose(fresh -> attempt(method, url, fresh, sender, where))
                              .recover(
                                  e2 ->
                                      Future.failedFuture(
                                          e2 instanceof Unauthorized
                                              ? CloudbusException.auth(
                                                  where
                                                      + " answered HTTP 401 after a token refresh")
                                              : e2));
                        }));
  }

  private Future<Object> attempt(
      HttpMethod method,
      String url,
      AccessToken token,
      Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> sender,
      String where) {
    Future<HttpResponse<Buffer>> sent;
    try {
      HttpRequest<Buffer> request =
          client
              .requestAbs(method, url)
              .timeout(timeoutMs)
              .as(BoundedBody.codec(BoundedBody.MAX_BYTES));
      request.putHeader("Accept", "application/json");
      headers.forEach(request::putHeader);
      if (token != null) {
        request.bearerTokenAuthentication(token.accessToken());
      }
      sent = sender.apply(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(CloudbusException.configuration(where + ": " + e.getMessage()));
    }
    return sent.transform(
        ar -> {
          if (ar.failed()) {
            return Future.failedFuture(
                CloudbusException.transientFailure(
                    where + " failed: " + describe(ar.cause()), null));
          }
          return handle(where, ar.result(), token != null);
        });
  }

  private Future<Object> handle(String where, HttpResponse<Buffer> response, boolean authorized) {
    int status = response.statusCode();
    Buffer body = response.body();
    Object json;
    try {
      json = body == null || body.length() == 0 ? new JsonObject() : Json.decodeValue(body);
    } catch (DecodeException e) {
      json = null;
    }
    if (status >= 200 && status < 300) {
      return json == null
          ? Future.failedFuture(
              CloudbusException.transientFailure(where + " answered a non-JSON body", null))
          : Future.succeededFuture(json);
    }
    if (status == 401 && authorized) {
      return Future.failedFuture(new Unauthorized(where));
    }
    FailureClass fc = classifier == null ? null : classifier.classify(status, json);
    if (fc == null) {
      fc = defaultClass(status);
    }
    return Future.failedFuture(
        new RestStatusException(
            fc,
            where + " answered HTTP " + status,
            retryAfter(response.getHeader("Retry-After"), clock),
            status,
            json));
  }

  /** The default class of a REST error status. */
  public static FailureClass defaultClass(int status) {
    if (status == 429) {
      return FailureClass.RATE_LIMITED;
    }
    if (status >= 500 || status == 408 || status == 409) {
      return FailureClass.TRANSIENT;
    }
    if (status == 401 || status == 403) {
      return FailureClass.AUTH;
    }
    return FailureClass.CONFIGURATION;
  }

  private static Future<JsonObject> asObject(Object value) {
    if (value instanceof JsonObject o) {
      return Future.succeededFuture(o);
    }
    return Future.failedFuture(
        CloudbusException.transientFailure("expected a JSON object, got " + typeName(value), null));
  }

  private static String typeName(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }

  // ---------------------------------------------------------------- shared helpers

  /** {@code url} without query and fragment (they may carry tokens or codes). */
  public static String redact(String url) {
    if (url == null) {
      return "null";
    }
    int cut = url.length();
    int q = url.indexOf('?');
    int h = url.indexOf('#');
    if (q >= 0) {
      cut = Math.min(cut, q);
    }
    if (h >= 0) {
      cut = Math.min(cut, h);
    }
    return url.substring(0, cut);
  }

  /**
   * A short description of an I/O failure in words ({@link io.cloudbus.core.util.FailureText#of}),
   * never a class name: it reaches status reasons.
   */
  public static String describe(Throwable t) {
    return io.cloudbus.core.util.FailureText.of(t);
  }

  /** The body as a JSON object, or null when it is empty, not JSON, or another JSON value. */
  public static JsonObject jsonObjectOrNull(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      Object v = Json.decodeValue(body);
      return v instanceof JsonObject o ? o : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  /** Parses a {@code Retry-After} header (seconds or an HTTP date); null when absent or bad. */
  public static Duration retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException e2) {
        return null;
      }
    }
  }

  /** A 401 on the first attempt: triggers one refresh and retry. */
  private static final class Unauthorized extends CloudbusException {
    private static final long serialVersionUID = 1L;

    Unauthorized(String where) {
      super(FailureClass.AUTH, where + " answered HTTP 401");
    }
  }
}
