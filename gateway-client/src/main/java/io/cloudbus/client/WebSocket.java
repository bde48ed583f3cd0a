package io.cloudbus.client;

import io.cloudbus.client.impl.CloseCodes;
import io.cloudbus.client.impl.DaemonThreads;
import io.cloudbus.client.impl.EventThread;
import io.cloudbus.client.impl.Handshakes;
import io.cloudbus.client.impl.SocketHandlers;
import io.cloudbus.client.impl.SocketListener;
import io.cloudbus.client.impl.Urls;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A WebSocket client shaped like the browser's {@code WebSocket}, on the JDK's {@code
 * java.net.http}: connecting starts in the constructor; {@link #onopen}, {@link #onmessage}, {@link
 * #onerror} and {@link #onclose} take the handlers; {@link #readyState()} goes {@link #CONNECTING}
 * → {@link #OPEN} → {@link #CLOSING} → {@link #CLOSED}.
 *
 * <p>Guarantees beyond a plain port of the browser API:
 *
 * <ul>
 *   <li><b>No event is lost to a late handler.</b> Messages are held until an {@code onmessage}
 *       handler is set. At most {@link WebSocketOptions#bufferCapacity()} are held: when that many
 *       wait, the socket stops reading (TCP flow control pushes back on the server) until the
 *       handler catches up; nothing is dropped. The open, error and close events are likewise
 *       delivered when their handler is set, if they happened before.
 *   <li><b>Every failure ends in {@link #CLOSED}</b>, with {@code onerror} then {@code onclose}
 *       (code 1006, not clean): refused connection, rejected handshake (the {@link
 *       WebSocketException} carries the HTTP status), timeout, dropped connection, a message over
 *       {@link WebSocketOptions#maxMessageChars()}.
 *   <li><b>A throwing handler is reported</b> to {@code onerror} (and to the {@code
 *       io.cloudbus.client.WebSocket} {@link System.Logger} at WARNING); the socket keeps going.
 *   <li>{@link #close()} performs the closing handshake (code 1000) and waits for the server's
 *       close frame at most {@link WebSocketOptions#closeTimeout()}, then aborts the connection.
 *   <li>A server's ping is answered with a pong that echoes its payload (done by {@code
 *       java.net.http}). TLS follows the scheme ({@code wss}), the query string is sent as given.
 *   <li>A keepalive ping every {@link WebSocketOptions#pingInterval()} fails the socket when no
 *       pong comes back within one more interval, so a dead connection is noticed even where {@code
 *       java.net.http} misses the end of the stream.
 * </ul>
 *
 * <p>Threading: all handlers run one at a time, in order, on this socket's own event thread;
 * methods may be called from any thread, including from inside a handler. Each socket owns its
 * threads (daemons named {@code cloudbus-ws-<n>-...}); they end when the socket is {@link #CLOSED}
 * ({@link #close()} waits for that, unless called from a handler). The JDK's HTTP client keeps one
 * selector thread per socket until it is garbage collected.
 */
public class WebSocket implements AutoCloseable {

  public static final int CONNECTING = 0;
  public static final int OPEN = 1;
  public static final int CLOSING = 2;
  public static final int CLOSED = 3;

  private static final System.Logger LOG = System.getLogger(WebSocket.class.getName());
  private static final AtomicInteger IDS = new AtomicInteger();

  private final URI uri;
  private final String logId;
  private final WebSocketOptions options;
  private final DaemonThreads ioThreads;
  private final ExecutorService io;
  private final EventThread events;
  private final SocketHandlers handlers;
  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  private final CompletableFuture<CloseEvent> closed = new CompletableFuture<>();
  private final Object lock = new Object();

  // guarded by lock
  private int state = CONNECTING;
  private java.net.http.WebSocket socket;
  private boolean closeSent;
  private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

  /** Starts connecting to {@code url} with {@link WebSocketOptions#defaults()}. */
  public WebSocket(String url) {
    this(url, WebSocketOptions.defaults());
  }

  /**
   * Starts connecting to {@code url} ({@code ws}, {@code wss}, {@code http} or {@code https}; path
   * and query kept); returns at once in {@link #CONNECTING}.
   *
   * @throws IllegalArgumentException if the URL or a header is invalid (nothing is started)
   */
  public WebSocket(String url, WebSocketOptions options) {
    this.uri = Urls.toWebSocketUri(url);
    this.options = options == null ? WebSocketOptions.defaults() : options;
    int id = IDS.incrementAndGet();
    this.logId = "[ws#" + id + " " + Urls.redact(uri) + "]";
    this.ioThreads = new DaemonThreads("cloudbus-ws-" + id + "-io");
    this.io = Executors.newCachedThreadPool(ioThreads);
    this.events = new EventThread("cloudbus-ws-" + id + "-events", true);
    this.handlers = new SocketHandlers(logId, LOG, events, this.options.bufferCapacity());
    handlers.resumeWith(
        () -> {
          java.net.http.WebSocket s;
          synchronized (lock) {
            s = socket;
          }
          if (s != null) {
            s.request(1);
          }
        });
    try {
      HttpClient.Builder hb =
          HttpClient.newBuilder().executor(io).connectTimeout(this.options.connectTimeout());
      if (this.options.sslContext() != null) {
        hb.sslContext(this.options.sslContext());
      }
      HttpClient client = hb.build();
      java.net.http.WebSocket.Builder wb =
          client.newWebSocketBuilder().connectTimeout(this.options.connectTimeout());
      this.options.headers().forEach(wb::header);
      LOG.log(Level.DEBUG, () -> logId + " connecting");
      wb.buildAsync(
              uri, new SocketListener(new Owner(), handlers, events, this.options, uri, logId, LOG))
          .whenComplete(
              (ws, e) -> {
                if (e != null) {
                  finish(
                      new CloseEvent(CloseEvent.ABNORMAL, "", false),
                      Handshakes.describe(e, uri, this.options.connectTimeout()));
                }
              });
    } catch (RuntimeException e) {
      io.shutdownNow();
      events.shutdownNow();
      throw e;
    }
  }

  /** The state: {@link #CONNECTING}, {@link #OPEN}, {@link #CLOSING} or {@link #CLOSED}. */
  public int readyState() {
    synchronized (lock) {
      return state;
    }
  }

  /** The URL connected to, with the scheme normalized to {@code ws}/{@code wss}. */
  public String url() {
    return uri.toString();
  }

  /** Sets the open handler (null to remove); an open that already happened is delivered now. */
  public WebSocket onopen(Runnable handler) {
    handlers.setOnopen(handler);
    return this;
  }

  /** Sets the message handler (null to remove); held messages are delivered to it, in order. */
  public WebSocket onmessage(Consumer<MessageEvent> handler) {
    handlers.setOnmessage(handler);
    return this;
  }

  /** Sets the error handler (null to remove); errors reported before are delivered now. */
  public WebSocket onerror(Consumer<Throwable> handler) {
    handlers.setOnerror(handler);
    return this;
  }

  /** Sets the close handler (null to remove); a close that already happened is delivered now. */
  public WebSocket onclose(Consumer<CloseEvent> handler) {
    handlers.setOnclose(handler);
    return this;
  }

  /**
   * Queues a text message; messages go out in call order. Does not block.
   *
   * @return completes when the message is handed to the network, or fails if the connection broke
   * @throws IllegalStateException unless {@link #OPEN}
   * @throws NullPointerException if {@code data} is null
   */
  public CompletableFuture<Void> send(String data) {
    if (data == null) {
      throw new NullPointerException("data");
    }
    synchronized (lock) {
      if (state != OPEN) {
        throw new IllegalStateException(
            "cannot send: WebSocket is "
                + stateName(state)
                + (state == CONNECTING ? " (wait for onopen)" : ""));
      }
      java.net.http.WebSocket s = socket;
      CompletableFuture<Void> sent =
          sendChain
              .handle((r, e) -> null)
              .thenCompose(v -> s.sendText(data, true))
              .thenApply(ws -> null);
      sendChain = sent;
      return sent.copy();
    }
  }

  /** {@link #close(int, String)} with 1000 and no reason. */
  @Override
  public void close() {
    close(CloseEvent.NORMAL, "");
  }

  /**
   * Closes with the closing handshake and blocks until {@link #CLOSED}: sends a close frame after
   * any queued messages, waits at most {@link WebSocketOptions#closeTimeout()} for the server's
   * close frame, then aborts (reported as 1006, not clean, with an error). While {@link
   * #CONNECTING} it abandons the connection (error, then close 1006), as the browser does. Does
   * nothing once {@link #CLOSED}; while {@link #CLOSING} it waits for the close in progress.
   *
   * @param code 1000, 1001, 1008, 1011 or 3000-4999
   * @param reason at most 123 UTF-8 bytes; null means none
   * @throws IllegalArgumentException for a code or reason RFC 6455 does not allow
   */
  public void close(int code, String reason) {
    CloseCodes.validate(code, reason);
    String why = reason == null ? "" : reason;
    int was;
    java.net.http.WebSocket s;
    boolean resume = false;
    synchronized (lock) {
      was = state;
      s = socket;
      if (was == OPEN) {
        state = CLOSING;
        closeSent = true;
        resume = handlers.unpause(); // the server's close frame must be read even if unconsumed
        sendChain = sendChain.handle((r, e) -> null).thenCompose(v -> s.sendClose(code, why));
      }
    }
    if (was == CLOSED) {
      return;
    }
    if (was == CONNECTING) {
      finish(
          new CloseEvent(CloseEvent.ABNORMAL, "", false),
          new WebSocketException(
              "closed before the connection to " + Urls.redact(uri) + " was established",
              -1,
              null));
    }
    if (resume) {
      s.request(1);
    }
    awaitClosed();
  }

  private void awaitClosed() {
    long timeoutMs = options.closeTimeout().toMillis();
    try {
      closed.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.log(Level.DEBUG, () -> logId + " no close frame within " + timeoutMs + " ms; aborting");
      finish(
          new CloseEvent(CloseEvent.ABNORMAL, "", false),
          new WebSocketException(
              "the server did not answer the close within " + timeoutMs + " ms; aborted", -1, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException e) {
      throw new IllegalStateException("unreachable: closed never fails", e);
    }
    if (!events.isCurrent()) {
      try {
        // Lets the last handlers run, so no thread of this socket outlives close().
        events.awaitStopped(timeoutMs);
        io.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
        ioThreads.joinAll(timeoutMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Completes when {@link #OPEN}; fails with the reason if the socket closes first. */
  public CompletableFuture<Void> opened() {
    return opened.copy();
  }

  /** Completes with the close event once {@link #CLOSED}; never fails. */
  public CompletableFuture<CloseEvent> closed() {
    return closed.copy();
  }

  @Override
  public String toString() {
    return "WebSocket" + logId + "{" + stateName(readyState()) + "}";
  }

  static String stateName(int state) {
    return switch (state) {
      case CONNECTING -> "CONNECTING";
      case OPEN -> "OPEN";
      case CLOSING -> "CLOSING";
      default -> "CLOSED";
    };
  }

  /** Moves to CLOSED once, fails the open future, queues error and close, stops the threads. */
  private void finish(CloseEvent ev, Throwable error) {
    java.net.http.WebSocket s;
    synchronized (lock) {
      if (state == CLOSED) {
        return;
      }
      state = CLOSED;
      s = socket;
      socket = null;
    }
    if (s != null && !ev.wasClean()) {
      s.abort();
    }
    LOG.log(
        Level.DEBUG,
        () ->
            logId
                + " closed: code "
                + ev.code()
                + (ev.wasClean() ? " (clean)" : " (not clean)")
                + (error == null ? "" : ": " + error.getMessage()));
    opened.completeExceptionally(
        error != null
            ? error
            : new WebSocketException("closed with code " + ev.code() + " before open", -1, null));
    if (error != null) {
      handlers.error(error);
    }
    handlers.closed(ev);
    closed.complete(ev);
    events.shutdown();
    io.shutdown();
  }

  /** The state transitions the listener asks for, under {@link #lock}. */
  private final class Owner implements SocketListener.Owner {

    @Override
    public boolean becomeOpen(java.net.http.WebSocket ws) {
      synchronized (lock) {
        if (state != CONNECTING) {
          return false;
        }
        state = OPEN;
        socket = ws;
      }
      LOG.log(Level.DEBUG, () -> logId + " open");
      opened.complete(null);
      handlers.opened();
      return true;
    }

    @Override
    public boolean isOpen() {
      return readyState() == OPEN;
    }

    @Override
    public void startFailing() {
      synchronized (lock) {
        if (state == OPEN) {
          state = CLOSING;
          closeSent = true;
        }
      }
    }

    @Override
    public boolean closeFrameReceived() {
      synchronized (lock) {
        boolean weClosedFirst = closeSent;
        closeSent = true;
        if (state == OPEN) {
          state = CLOSING;
        }
        return weClosedFirst;
      }
    }

    @Override
    public void finish(CloseEvent ev, Throwable error) {
      WebSocket.this.finish(ev, error);
    }
  }
}
