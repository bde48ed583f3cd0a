package io.cloudbus.client;

import io.cloudbus.client.impl.Backoff;
import io.cloudbus.client.impl.ClientHandlers;
import io.cloudbus.client.impl.DaemonThreads;
import io.cloudbus.client.impl.FrameRouter;
import io.cloudbus.client.impl.Frames;
import io.cloudbus.client.impl.Inbox;
import io.cloudbus.client.impl.PendingRequests;
import io.cloudbus.client.impl.PendingRequests.Kind;
import io.cloudbus.client.impl.ReconnectPolicy;
import io.cloudbus.client.impl.ResumePoint;
import io.cloudbus.client.impl.Urls;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A synchronous client of a cloudbus service's {@code /ws/{resource}} endpoint: subscribe with a
 * {@link Filter}, then take typed {@link Event}s either pushed ({@link #onEvent}) or pulled ({@link
 * #poll}, {@link #events()}). Build with {@link #builder()}.
 *
 * <pre>{@code
 * try (CloudbusClient client = CloudbusClient.builder().connect()) {
 *   client.subscribe(Filter.all().type("io.cloudbus.doorbell"));
 *   client.events().limit(3).forEach(e -> System.out.println(e.type() + " " + e.subject()));
 * }
 * }</pre>
 *
 * <p>Nothing is lost between connecting and the first handler: events wait in a bounded buffer
 * until {@link #onEvent} is set or a poll takes them (when full, the client stops reading; see
 * {@link CloudbusClientBuilder#eventBufferCapacity}). After {@link #close()} the events already
 * received can still be polled. Status messages ({@code /ws/status}) work alike through {@link
 * #onStatus} and {@link #pollStatus}, except that a full status buffer drops its oldest entry.
 *
 * <p>With {@link CloudbusClientBuilder#reconnect(boolean) reconnect} on, a lost connection is
 * retried with exponential backoff and full jitter, and the last filter is subscribed again,
 * resuming after the last event received (the service replays what the client missed from its
 * journal, see {@link #subscribe(Filter, String)}); a handshake rejected with 401 or 403, or an
 * {@code unknown_resource} error, is not retried. Requests ({@link #subscribe}, {@link
 * #unsubscribe}, {@link #ping}) throw {@link IllegalStateException} unless {@link State#OPEN}.
 *
 * <p>Threading: every method may be called from any thread. Handlers run one at a time on the
 * client's dispatch thread; a handler that throws is reported to {@link #onError} and to the {@code
 * io.cloudbus.client.CloudbusClient} {@link System.Logger}, and the client keeps working. {@link
 * #close()} stops every thread the client started.
 */
public final class CloudbusClient implements AutoCloseable {

  /** The client's connection state. */
  public enum State {
    CONNECTING,
    OPEN,
    RECONNECTING,
    CLOSED
  }

  private static final System.Logger LOG = System.getLogger(CloudbusClient.class.getName());
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final TimeUnit MILLIS = TimeUnit.MILLISECONDS;

  private final String url;
  private final String logId;
  private final WebSocketOptions socketOptions;
  private final Duration requestTimeout;
  private final Inbox<Event> events;
  private final Inbox<Status> statuses;
  private final ClientHandlers<Event, Status, State> handlers;
  private final PendingRequests pending = new PendingRequests();
  private final FrameRouter router;
  private final ResumePoint resume = new ResumePoint(since -> sendSubscribe(null, since));
  private final DaemonThreads timerThreads;
  private final ScheduledExecutorService timer;
  private final Object lock = new Object();
  private final ReconnectPolicy policy; // guarded by lock
  private final io.cloudbus.client.impl.Commands commands;

  // guarded by lock
  private State state = State.CONNECTING;
  private WebSocket socket;
  private int generation;
  private long reconnects;
  private boolean closing;
  private Filter filter;

  private CloudbusClient(CloudbusClientBuilder b) {
    this.url = b.webSocketUrl();
    int id = IDS.incrementAndGet();
    this.logId = "[cloudbus-client#" + id + " " + Urls.redact(url) + "]";
    this.socketOptions = b.socketOptions();
    this.requestTimeout = b.requestTimeout;
    this.commands = new io.cloudbus.client.impl.Commands(b.serviceUrl, b.token);
    this.policy =
        new ReconnectPolicy(
            b.reconnect,
            new Backoff(b.reconnectMinDelay.toMillis(), b.reconnectMaxDelay.toMillis(), b.random));
    this.events = new Inbox<>(b.eventBuffer);
    this.statuses = new Inbox<>(b.statusBuffer);
    this.handlers =
        new ClientHandlers<>(logId, LOG, "cloudbus-client-" + id + "-dispatch", events, statuses);
    this.router =
        new FrameRouter(
            logId,
            LOG,
            events,
            statuses,
            handlers,
            pending,
            this::resourceRejected,
            resume,
            b.resource);
    this.timerThreads = new DaemonThreads("cloudbus-client-" + id + "-timer");
    this.timer = Executors.newSingleThreadScheduledExecutor(timerThreads);
  }

  /** Sends a command over REST (the token needs the command role); blocks until answered. */
  public CommandResult command(String vendor, String account, String action, Map<String, ?> args) {
    return commands.send(vendor, account, action, args);
  }

  /** A builder with the defaults listed on {@link CloudbusClientBuilder}. */
  public static CloudbusClientBuilder builder() {
    return new CloudbusClientBuilder();
  }

  static CloudbusClient open(CloudbusClientBuilder b) {
    CloudbusClient client = new CloudbusClient(b);
    String where = Urls.redact(b.webSocketUrl());
    PendingRequests.Request welcome = client.pending.add(Kind.WELCOME);
    try {
      WebSocket ws = client.newSocket();
      ws.opened().get(client.socketOptions.connectTimeout().toMillis() + 1_000, MILLIS);
      // The service upgrades an unknown resource too, then sends an error frame instead of the
      // welcome and closes: waiting for the welcome turns that into a clear connect failure.
      try {
        welcome.reply().get(client.requestTimeout.toMillis(), MILLIS);
      } catch (TimeoutException e) {
        long ms = client.requestTimeout.toMillis();
        String why = "no welcome from " + where + " within " + ms + " ms";
        throw new CloudbusClientException(why + ": is it a cloudbus /ws endpoint?", e);
      }
      client.setState(State.OPEN); // now, not when the open event is dispatched: subscribe next
      if (b.subscription != null) {
        client.subscribe(b.subscription);
      }
      return client;
    } catch (ExecutionException e) {
      client.close();
      Throwable cause = e.getCause();
      int status = cause instanceof WebSocketException w ? w.httpStatus() : -1;
      ServerError err = cause instanceof CloudbusClientException c ? c.serverError() : null;
      throw new CloudbusClientException(
          "could not connect: " + cause.getMessage(), err, status, cause);
    } catch (TimeoutException e) {
      client.close();
      throw new CloudbusClientException("could not connect to " + where + ": timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new CloudbusClientException("interrupted while connecting", e);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private WebSocket newSocket() {
    synchronized (lock) {
      WebSocket ws = new WebSocket(url, socketOptions);
      socket = ws;
      int gen = ++generation;
      ws.onopen(() -> socketOpened(ws, gen));
      ws.onmessage(m -> router.route(m.data()));
      ws.onerror(t -> socketError(ws, t));
      ws.onclose(ev -> socketClosed(ws, ev));
      return ws;
    }
  }

  /** The state: CONNECTING, OPEN, RECONNECTING or CLOSED. */
  public State state() {
    synchronized (lock) {
      return state;
    }
  }

  /** The filter of the current subscription, or null when not subscribed. */
  public Filter filter() {
    synchronized (lock) {
      return filter;
    }
  }

  /** How many times the client reconnected after losing the connection. */
  public long reconnects() {
    synchronized (lock) {
      return reconnects;
    }
  }

  /** How many status messages a full status buffer dropped. */
  public long droppedStatuses() {
    return statuses.dropped();
  }

  /**
   * Subscribes (replacing any previous subscription) and waits for the service's {@code subscribed}
   * answer, at most the request timeout. The filter is re-sent after a reconnect.
   *
   * @return the filter as the service confirmed it
   * @throws IllegalStateException unless OPEN
   * @throws CloudbusClientException on an error frame ({@link
   *     CloudbusClientException#serverError()}), timeout or lost connection
   */
  public Filter subscribe(Filter filter) {
    return subscribe(filter, null);
  }

  /**
   * As {@link #subscribe(Filter)}, after {@code since} (an event id, an RFC 3339 time or an {@link
   * Event#position()}; null: live): the service replays its journal from there, then goes on live.
   * An unknown {@code since} throws ({@link CloudbusClientException}, error {@code bad_since}).
   */
  public Filter subscribe(Filter filter, String since) {
    Filter f = filter == null ? Filter.all() : filter;
    resume.reset();
    Filter confirmed = (Filter) request(Kind.SUBSCRIBE, Frames.subscribe(f, since), "subscribe");
    synchronized (lock) {
      this.filter = f;
    }
    return confirmed;
  }

  /**
   * Ends the subscription (the service stops sending events). Does not wait: the protocol has no
   * answer to it.
   *
   * @throws IllegalStateException unless OPEN
   */
  public void unsubscribe() {
    synchronized (lock) {
      WebSocket ws = requireOpen();
      filter = null;
      ws.send(Frames.unsubscribe());
    }
  }

  /**
   * Sends {@code {"action":"ping"}} and waits for the pong, at most the request timeout.
   *
   * @return the round-trip time
   * @throws IllegalStateException unless OPEN
   * @throws CloudbusClientException on timeout, error frame or lost connection
   */
  public Duration ping() {
    long start = System.nanoTime();
    request(Kind.PING, Frames.ping(), "ping");
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private Object request(Kind kind, String frame, String what) {
    PendingRequests.Request p;
    synchronized (lock) {
      WebSocket ws = requireOpen();
      p = pending.add(kind);
      ws.send(frame);
    }
    return pending.await(p, requestTimeout.toMillis(), what);
  }

  private WebSocket requireOpen() {
    if (state != State.OPEN || socket == null || socket.readyState() != WebSocket.OPEN) {
      throw new IllegalStateException("cloudbus client is " + state + ", not OPEN");
    }
    return socket;
  }

  /** Sets the event handler (null to remove); buffered events are delivered to it first. */
  public CloudbusClient onEvent(Consumer<Event> handler) {
    handlers.setOnEvent(handler);
    return this;
  }

  /** Sets the status handler (null to remove); buffered statuses are delivered to it first. */
  public CloudbusClient onStatus(Consumer<Status> handler) {
    handlers.setOnStatus(handler);
    return this;
  }

  /**
   * Sets the error handler: receives error frames the service sent outside a request (as {@link
   * CloudbusClientException} with {@link CloudbusClientException#serverError()}), malformed frames,
   * connection failures ({@link WebSocketException}) and {@link HandlerException}s of the other
   * handlers. Without one, errors are logged at WARNING.
   */
  public CloudbusClient onError(Consumer<Throwable> handler) {
    handlers.setOnError(handler);
    return this;
  }

  /** Sets a handler told of every state change. */
  public CloudbusClient onStateChange(Consumer<State> handler) {
    handlers.setOnStateChange(handler);
    return this;
  }

  /**
   * Takes the next event, waiting up to {@code timeout}.
   *
   * @return the event, or null on timeout, on interrupt (flag kept), or when closed and drained
   */
  public Event poll(Duration timeout) {
    return events.pollOrNull(timeout);
  }

  /** Takes the next status message, like {@link #poll(Duration)}. */
  public Status pollStatus(Duration timeout) {
    return statuses.pollOrNull(timeout);
  }

  /**
   * The events as a blocking, ordered stream: each element is taken as by {@link #poll}; the stream
   * ends when the client is closed (or the connection is lost for good) and every received event
   * was taken, or when the calling thread is interrupted. Use it instead of {@link #onEvent}, not
   * with it.
   */
  public Stream<Event> events() {
    return events.stream();
  }

  /**
   * Closes the connection with the closing handshake (bounded by the close timeout), fails pending
   * requests, stops reconnecting and every thread of the client. Idempotent. Events already
   * received stay available to {@link #poll}.
   */
  @Override
  public void close() {
    WebSocket ws;
    synchronized (lock) {
      if (closing) {
        return;
      }
      closing = true;
      ws = socket;
    }
    LOG.log(Level.DEBUG, () -> logId + " closing");
    events.release(); // a socket thread blocked on a full buffer must be able to finish
    timer.shutdownNow();
    Optional.ofNullable(ws).ifPresent(WebSocket::close);
    end("client closed");
    try {
      long ms = socketOptions.closeTimeout().toMillis();
      handlers.awaitStopped(ms);
      timer.awaitTermination(ms, MILLIS);
      timerThreads.joinAll(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Final state: CLOSED, pending requests failed, buffers finished, threads stopping. */
  private void end(String why) {
    synchronized (lock) {
      socket = null;
    }
    failPending(why);
    setState(State.CLOSED);
    events.finish();
    statuses.finish();
    timer.shutdownNow();
    handlers.shutdown();
  }

  @Override
  public String toString() {
    return "CloudbusClient" + logId + "{" + state() + "}";
  }

  /** Socket callbacks, on the socket's event thread, from here on. */
  private void socketOpened(WebSocket ws, int gen) {
    Filter resubscribe;
    synchronized (lock) {
      if (ws != socket || closing) {
        return;
      }
      policy.connected();
      resubscribe = gen > 1 ? filter : null;
    }
    LOG.log(
        gen > 1 ? Level.INFO : Level.DEBUG, () -> logId + " connected" + (gen > 1 ? " again" : ""));
    setState(State.OPEN);
    if (resubscribe != null) {
      // nobody waits for the answer; resumes after the last event received (the service replays)
      sendSubscribe(ws, resume.resumeFrom());
    }
  }

  /** Subscribes {@code ws} (null: the current socket) to the filter again; since null: live. */
  private void sendSubscribe(WebSocket ws, String since) {
    synchronized (lock) {
      boolean current = socket != null && (ws == null || ws == socket);
      if (current && filter != null && socket.readyState() == WebSocket.OPEN) {
        socket.send(Frames.subscribe(filter, since));
      }
    }
  }

  private void resourceRejected() {
    synchronized (lock) {
      policy.resourceRejected();
    }
  }

  private void socketError(WebSocket ws, Throwable t) {
    boolean connecting;
    synchronized (lock) {
      if (ws != socket) {
        return;
      }
      if (t instanceof WebSocketException w && w.httpStatus() > 0) {
        policy.rejected(w.httpStatus());
      }
      connecting = state == State.CONNECTING;
    }
    if (connecting) {
      // The first connect reports its failure by throwing from connect(); no second report.
      LOG.log(Level.DEBUG, () -> logId + " " + t.getMessage());
      return;
    }
    handlers.report(t);
  }

  private void socketClosed(WebSocket ws, CloseEvent ev) {
    int nextAttempt;
    synchronized (lock) {
      if (ws != socket || closing) {
        return;
      }
      socket = null;
      // A failed first connect is reported by connect() throwing, never retried.
      nextAttempt = policy.nextAttempt(state == State.CONNECTING);
    }
    failPending("connection closed (code " + ev.code() + ")");
    if (nextAttempt == 0) {
      LOG.log(Level.INFO, () -> logId + " connection closed with code " + ev.code());
      end("connection closed");
      return;
    }
    long delay = policy.delayMs(nextAttempt);
    LOG.log(
        Level.INFO,
        () ->
            logId
                + " connection lost (code "
                + ev.code()
                + "); reconnect attempt "
                + nextAttempt
                + " in "
                + delay
                + " ms");
    setState(State.RECONNECTING);
    try {
      timer.schedule(this::reconnectNow, delay, MILLIS);
    } catch (RejectedExecutionException e) {
      // close() raced us: nothing to do.
    }
  }

  private void reconnectNow() {
    synchronized (lock) {
      if (closing) {
        return;
      }
      reconnects++;
      try {
        newSocket();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, logId + " reconnect failed to start", e);
      }
    }
    end("reconnect failed to start");
  }

  private void failPending(String why) {
    pending.failAll(() -> new CloudbusClientException(why, null));
  }

  private void setState(State s) {
    synchronized (lock) {
      if (state == s || state == State.CLOSED) {
        return;
      }
      state = s;
    }
    handlers.stateChanged(s);
  }
}
