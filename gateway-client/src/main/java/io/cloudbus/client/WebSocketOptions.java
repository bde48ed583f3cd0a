package io.cloudbus.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Immutable settings of a {@link WebSocket}; {@link #defaults()} or {@link #builder()}.
 *
 * <p>Defaults: connect timeout {@value #DEFAULT_CONNECT_TIMEOUT_MS} ms, close timeout {@value
 * #DEFAULT_CLOSE_TIMEOUT_MS} ms, buffer {@value #DEFAULT_BUFFER_CAPACITY} messages, largest message
 * {@value #DEFAULT_MAX_MESSAGE_CHARS} chars, no extra headers, the JDK's default {@link
 * SSLContext}.
 */
public final class WebSocketOptions {

  public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_CLOSE_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_BUFFER_CAPACITY = 1_000;
  public static final int DEFAULT_MAX_MESSAGE_CHARS = 8 * 1024 * 1024;
  public static final long DEFAULT_PING_INTERVAL_MS = 30_000;

  private static final WebSocketOptions DEFAULTS = builder().build();
  private static final Set<String> RESERVED =
      Set.of("connection", "upgrade", "host", "content-length", "expect", "transfer-encoding");

  private final Duration connectTimeout;
  private final Duration closeTimeout;
  private final Duration pingInterval;
  private final int bufferCapacity;
  private final int maxMessageChars;
  private final Map<String, String> headers;
  private final SSLContext sslContext;

  private WebSocketOptions(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.closeTimeout = b.closeTimeout;
    this.pingInterval = b.pingInterval;
    this.bufferCapacity = b.bufferCapacity;
    this.maxMessageChars = b.maxMessageChars;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.sslContext = b.sslContext;
  }

  public static WebSocketOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.connectTimeout = connectTimeout;
    b.closeTimeout = closeTimeout;
    b.pingInterval = pingInterval;
    b.bufferCapacity = bufferCapacity;
    b.maxMessageChars = maxMessageChars;
    b.headers.putAll(headers);
    b.sslContext = sslContext;
    return b;
  }

  /** How long the TCP connect plus opening handshake may take before it fails. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long {@link WebSocket#close()} waits for the server's close frame before aborting. */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /**
   * How often a WebSocket ping frame is sent while open ({@link Duration#ZERO} = never). A ping
   * still unanswered one interval later, or one that cannot be written, fails the socket (error,
   * then close 1006): this is how a dead connection is noticed, including a dropped connection that
   * {@code java.net.http} (JDK 17) sometimes fails to report after a message.
   */
  public Duration pingInterval() {
    return pingInterval;
  }

  /**
   * How many received messages are held while no {@code onmessage} handler is set (or it is slower
   * than the server). When full, the socket stops reading, so TCP flow control slows the server
   * down; no message is dropped.
   */
  public int bufferCapacity() {
    return bufferCapacity;
  }

  /** The largest message accepted; a larger one fails the socket with close code 1009. */
  public int maxMessageChars() {
    return maxMessageChars;
  }

  /** Extra opening-handshake headers (e.g. {@code Authorization}); unmodifiable. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The TLS context for {@code wss://}, or null for the JDK default. */
  public SSLContext sslContext() {
    return sslContext;
  }

  @Override
  public String toString() {
    // Header values may be credentials: only their names are shown.
    return "WebSocketOptions{connectTimeout="
        + connectTimeout
        + ", closeTimeout="
        + closeTimeout
        + ", pingInterval="
        + pingInterval
        + ", bufferCapacity="
        + bufferCapacity
        + ", maxMessageChars="
        + maxMessageChars
        + ", headers="
        + headers.keySet()
        + "}";
  }

  /** Mutable, not thread-safe builder; every setter validates its argument. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MS);
    private Duration closeTimeout = Duration.ofMillis(DEFAULT_CLOSE_TIMEOUT_MS);
    private Duration pingInterval = Duration.ofMillis(DEFAULT_PING_INTERVAL_MS);
    private int bufferCapacity = DEFAULT_BUFFER_CAPACITY;
    private int maxMessageChars = DEFAULT_MAX_MESSAGE_CHARS;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private SSLContext sslContext;

    private Builder() {}

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    public Builder closeTimeout(Duration d) {
      this.closeTimeout = positive(d, "closeTimeout");
      return this;
    }

    /** See {@link WebSocketOptions#pingInterval()}; {@link Duration#ZERO} turns pings off. */
    public Builder pingInterval(Duration d) {
      Objects.requireNonNull(d, "pingInterval");
      if (d.isNegative()) {
        throw new IllegalArgumentException("pingInterval must not be negative, was " + d);
      }
      this.pingInterval = d;
      return this;
    }

    public Builder bufferCapacity(int messages) {
      if (messages < 1) {
        throw new IllegalArgumentException("bufferCapacity must be >= 1, was " + messages);
      }
      this.bufferCapacity = messages;
      return this;
    }

    public Builder maxMessageChars(int chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("maxMessageChars must be >= 1, was " + chars);
      }
      this.maxMessageChars = chars;
      return this;
    }

    /**
     * Adds an opening-handshake header (e.g. {@code Authorization}).
     *
     * @throws IllegalArgumentException for a blank name or one the handshake itself sets ({@code
     *     Connection}, {@code Upgrade}, {@code Host}, {@code Sec-WebSocket-*}, ...)
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isBlank()) {
        throw new IllegalArgumentException("header name is blank");
      }
      String lower = name.trim().toLowerCase(Locale.ROOT);
      if (RESERVED.contains(lower) || lower.startsWith("sec-websocket-")) {
        throw new IllegalArgumentException("header " + name + " is set by the handshake itself");
      }
      headers.put(name, value);
      return this;
    }

    /** The TLS context for {@code wss://} (e.g. one that trusts a private CA); null = default. */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    public WebSocketOptions build() {
      return new WebSocketOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
