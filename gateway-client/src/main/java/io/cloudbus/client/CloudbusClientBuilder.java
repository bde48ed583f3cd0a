package io.cloudbus.client;

import io.cloudbus.client.impl.Urls;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Settings of a {@link CloudbusClient}; {@link #connect()} opens it. Mutable, not thread-safe.
 *
 * <p>Defaults: service {@value #DEFAULT_SERVICE_URL}, resource {@code events}, no token, no
 * subscription, reconnect off (delays {@value #DEFAULT_RECONNECT_MIN_DELAY_MS} ms to {@value
 * #DEFAULT_RECONNECT_MAX_DELAY_MS} ms when on), request timeout {@value
 * #DEFAULT_REQUEST_TIMEOUT_MS} ms, connect timeout {@value
 * WebSocketOptions#DEFAULT_CONNECT_TIMEOUT_MS} ms, close timeout {@value
 * WebSocketOptions#DEFAULT_CLOSE_TIMEOUT_MS} ms, event buffer {@value #DEFAULT_EVENT_BUFFER}
 * events, status buffer {@value #DEFAULT_STATUS_BUFFER} statuses.
 */
public final class CloudbusClientBuilder {

  public static final String DEFAULT_SERVICE_URL = "http://127.0.0.1:8080";
  public static final long DEFAULT_RECONNECT_MIN_DELAY_MS = 500;
  public static final long DEFAULT_RECONNECT_MAX_DELAY_MS = 30_000;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_EVENT_BUFFER = 10_000;
  public static final int DEFAULT_STATUS_BUFFER = 1_000;

  private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9._-]+");

  String serviceUrl = DEFAULT_SERVICE_URL;
  String resource = "events";
  String token;
  boolean tokenInQuery;
  Filter subscription;
  boolean reconnect;
  Duration reconnectMinDelay = Duration.ofMillis(DEFAULT_RECONNECT_MIN_DELAY_MS);
  Duration reconnectMaxDelay = Duration.ofMillis(DEFAULT_RECONNECT_MAX_DELAY_MS);
  Duration requestTimeout = Duration.ofMillis(DEFAULT_REQUEST_TIMEOUT_MS);
  int eventBuffer = DEFAULT_EVENT_BUFFER;
  int statusBuffer = DEFAULT_STATUS_BUFFER;
  LongUnaryOperator random = bound -> ThreadLocalRandom.current().nextLong(bound);
  private final WebSocketOptions.Builder socket = WebSocketOptions.builder();

  CloudbusClientBuilder() {}

  /**
   * The service's base URL ({@code http}, {@code https}, {@code ws} or {@code wss}; a path prefix
   * is kept); {@code /ws/<resource>} is appended.
   */
  public CloudbusClientBuilder serviceUrl(String url) {
    Urls.toWebSocketUri(Objects.requireNonNull(url, "url")); // validates
    this.serviceUrl = url.trim();
    return this;
  }

  /** {@code events} (default), a vendor name such as {@code simplisafe}, or {@code status}. */
  public CloudbusClientBuilder resource(String resource) {
    if (resource == null || !RESOURCE.matcher(resource).matches()) {
      throw new IllegalArgumentException("resource must match " + RESOURCE + ": " + resource);
    }
    this.resource = resource;
    return this;
  }

  /** A service token, sent as {@code Authorization: Bearer <token>} (never logged). */
  public CloudbusClientBuilder token(String token) {
    this.token = token == null || token.isBlank() ? null : token;
    return this;
  }

  /** Sends the token as {@code ?token=} instead of a header (for proxies that drop headers). */
  public CloudbusClientBuilder tokenInQuery(boolean inQuery) {
    this.tokenInQuery = inQuery;
    return this;
  }

  /** Subscribes with this filter right after connecting (and after every reconnect). */
  public CloudbusClientBuilder subscribe(Filter filter) {
    this.subscription = filter;
    return this;
  }

  /** Turns automatic reconnect (with backoff and re-subscribe) on or off; default off. */
  public CloudbusClientBuilder reconnect(boolean on) {
    this.reconnect = on;
    return this;
  }

  /**
   * Backoff bounds: attempt n waits a random time in {@code [min, min(max, min * 2^(n-1))]}.
   *
   * @throws IllegalArgumentException unless {@code 0 < min <= max}
   */
  public CloudbusClientBuilder reconnectDelays(Duration min, Duration max) {
    if (min.toMillis() <= 0 || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("need 0 < min <= max, got " + min + " and " + max);
    }
    this.reconnectMinDelay = min;
    this.reconnectMaxDelay = max;
    return this;
  }

  /** How long {@code subscribe} and {@code ping} wait for the service's answer. */
  public CloudbusClientBuilder requestTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
    this.requestTimeout = timeout;
    return this;
  }

  /** How long connecting (TCP plus handshake) may take. */
  public CloudbusClientBuilder connectTimeout(Duration timeout) {
    socket.connectTimeout(timeout);
    return this;
  }

  /**
   * How often a WebSocket ping checks that the connection is alive (default 30 s; {@link
   * Duration#ZERO} = never); see {@link WebSocketOptions#pingInterval()}.
   */
  public CloudbusClientBuilder pingInterval(Duration interval) {
    socket.pingInterval(interval);
    return this;
  }

  /** How long {@code close()} waits for the service's close frame. */
  public CloudbusClientBuilder closeTimeout(Duration timeout) {
    socket.closeTimeout(timeout);
    return this;
  }

  /**
   * Events held for {@code poll}/{@code events()} or a late {@code onEvent}. When full the client
   * stops reading the socket (back-pressure) until events are taken: none is dropped, but pings and
   * subscribes wait too.
   */
  public CloudbusClientBuilder eventBufferCapacity(int events) {
    if (events < 1) {
      throw new IllegalArgumentException("eventBufferCapacity must be >= 1");
    }
    this.eventBuffer = events;
    return this;
  }

  /** Status messages held; when full the oldest is dropped (a newer status supersedes it). */
  public CloudbusClientBuilder statusBufferCapacity(int statuses) {
    if (statuses < 1) {
      throw new IllegalArgumentException("statusBufferCapacity must be >= 1");
    }
    this.statusBuffer = statuses;
    return this;
  }

  /** The TLS context for {@code https}/{@code wss} services (e.g. trusting a private CA). */
  public CloudbusClientBuilder sslContext(SSLContext context) {
    socket.sslContext(context);
    return this;
  }

  /** For tests: the random source of the backoff jitter. */
  CloudbusClientBuilder random(LongUnaryOperator random) {
    this.random = Objects.requireNonNull(random);
    return this;
  }

  /**
   * Connects (blocking up to the connect timeout), then subscribes if a filter was given.
   *
   * @throws CloudbusClientException if the first connection or subscription fails (reconnect
   *     applies only after a first successful connection)
   */
  public CloudbusClient connect() {
    return CloudbusClient.open(this);
  }

  /** The URL to connect to; holds the token only when {@link #tokenInQuery} is on. */
  String webSocketUrl() {
    String base = serviceUrl;
    String query = null;
    int q = base.indexOf('?');
    if (q >= 0) {
      query = base.substring(q + 1);
      base = base.substring(0, q);
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String url = base + "/ws/" + resource;
    if (token != null && tokenInQuery) {
      String t = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
      query = query == null || query.isEmpty() ? t : query + "&" + t;
    }
    return query == null ? url : url + "?" + query;
  }

  WebSocketOptions socketOptions() {
    WebSocketOptions.Builder b = socket.build().toBuilder();
    if (token != null && !tokenInQuery) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }
}
