package io.cloudbus.core.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.StatusCode;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection state of one account and its status body {@code {vendor, account, state, since,
 * reason?, failureClass?, code?, attempt?, nextRetryMs?, gap?, tokenExpiresAt?,
 * tokenRefreshedAt?}}, published on every change; {@code failureClass} and {@code code} are the
 * wire names of {@link FailureClass} and {@link StatusCode}; {@code gap: {from, to, reason}} is on
 * the {@code connected} (or {@code paused}) status of a connection that announced an {@code
 * io.cloudbus.stream.gap} event, until the state changes. {@code tokenExpiresAt} (RFC 3339) is when
 * the account's access token stops working, when its auth handler knows; {@code tokenRefreshedAt}
 * when this socket last got a token from a login or refresh. Times only: never a token value.
 * Written on the socket's context; {@link #state()} and {@link #status()} are readable from any
 * thread.
 *
 * <p>Memory: the body is kept as its fields ({@link Body}, about 80 B) and built as JSON only when
 * read or published; a kept {@code JsonObject} cost about 380 B per idle socket.
 */
public final class StatusTracker {

  private static final Logger LOG = LoggerFactory.getLogger(StatusTracker.class);

  /** The status body's fields, immutable; {@link #toJson} builds the body. */
  private record Body(
      ConnectionState state,
      Instant since,
      String reason,
      String failureClass,
      String code,
      Integer attempt,
      Long nextRetryMs,
      JsonObject gap,
      Instant tokenExpiresAt,
      Instant tokenRefreshedAt) {

    Body withGap(JsonObject g) {
      return new Body(
          state,
          since,
          reason,
          failureClass,
          code,
          attempt,
          nextRetryMs,
          g,
          tokenExpiresAt,
          tokenRefreshedAt);
    }

    Body withToken(Instant expiresAt, Instant refreshedAt) {
      return new Body(
          state,
          since,
          reason,
          failureClass,
          code,
          attempt,
          nextRetryMs,
          gap,
          expiresAt,
          refreshedAt);
    }

    JsonObject toJson(String vendor, String account) {
      JsonObject json =
          new JsonObject()
              .put("vendor", vendor)
              .put("account", account)
              .put("state", state.wireName())
              .put("since", since.toString());
      if (reason != null) {
        json.put("reason", reason);
      }
      if (failureClass != null) {
        json.put("failureClass", failureClass);
      }
      if (code != null) {
        json.put("code", code);
      }
      if (attempt != null) {
        json.put("attempt", attempt);
      }
      if (nextRetryMs != null) {
        json.put("nextRetryMs", nextRetryMs);
      }
      if (tokenExpiresAt != null) {
        json.put("tokenExpiresAt", tokenExpiresAt.toString());
      }
      if (tokenRefreshedAt != null) {
        json.put("tokenRefreshedAt", tokenRefreshedAt.toString());
      }
      if (gap != null) {
        json.put("gap", gap.copy());
      }
      return json;
    }
  }

  private final String vendor;
  private final String account;
  private volatile ConnectionState state = ConnectionState.OFFLINE;
  private volatile Body status;
  private EventPublisher publisher;
  private Clock clock = Clock.systemUTC();
  private Supplier<AccessToken> tokens = () -> null;
  private Instant tokenRefreshedAt;

  public StatusTracker(String vendor, String account) {
    this.vendor = vendor;
    this.account = account;
    this.status =
        new Body(
            ConnectionState.OFFLINE, Instant.now(), null, null, null, null, null, null, null, null);
  }

  /** Starts publishing changes through {@code publisher}, with times from {@code clock}. */
  public void attach(EventPublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Reads the expiry of {@code tokens}' current token (null: none yet) into every status body from
   * now on; call on the socket's context, where the auth handler lives.
   */
  public void tokenSource(Supplier<AccessToken> tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /**
   * A login or refresh produced {@code fresh}: publishes the status again when its token expiry
   * changed, with {@code tokenRefreshedAt} now.
   */
  public void tokenChanged(AccessToken fresh) {
    tokenRefreshedAt = clock.instant();
    Body previous = status;
    Body body = previous.withToken(expiry(fresh), tokenRefreshedAt);
    if (body.equals(previous)) {
      return;
    }
    status = body;
    publish(body);
  }

  public ConnectionState state() {
    return state;
  }

  /** A copy of the current status body. */
  public JsonObject status() {
    return status.toJson(vendor, account);
  }

  /**
   * Moves to {@code next}; publishes when anything but the time changed. {@code since} changes only
   * with the state.
   */
  public void set(ConnectionState next, String reason, Integer attempt, Long nextRetryMs) {
    set(next, null, null, reason, attempt, nextRetryMs);
  }

  /** Moves to {@code next} (connected or paused) with the gap its connection announced, or null. */
  public void set(ConnectionState next, JsonObject gap) {
    set(next, null, null, null, null, null, gap);
  }

  /**
   * Adds {@code gap} to the current status and publishes it, when connected or paused (a gap found
   * after the connect, by the catch-up); otherwise does nothing.
   */
  public void gap(JsonObject gap) {
    if (state == ConnectionState.CONNECTED || state == ConnectionState.PAUSED) {
      Body body = status.withGap(gap.copy());
      status = body;
      publish(body);
    }
  }

  /**
   * As {@link #set(ConnectionState, String, Integer, Long)}, with why in machine terms.
   *
   * @param failureClass the class of the failure, or null when not a failure (stopped on request)
   * @param code the status code, or null (connecting, connected, paused)
   */
  public void set(
      ConnectionState next,
      FailureClass failureClass,
      StatusCode code,
      String reason,
      Integer attempt,
      Long nextRetryMs) {
    set(next, failureClass, code, reason, attempt, nextRetryMs, null);
  }

  private void set(
      ConnectionState next,
      FailureClass failureClass,
      StatusCode code,
      String reason,
      Integer attempt,
      Long nextRetryMs,
      JsonObject gap) {
    Body previous = status;
    String fc = failureClass == null ? null : failureClass.wireName();
    String c = code == null ? null : code.wireName();
    if (next == state
        && Objects.equals(reason, previous.reason())
        && Objects.equals(fc, previous.failureClass())
        && Objects.equals(c, previous.code())
        && Objects.equals(attempt, previous.attempt())
        && Objects.equals(nextRetryMs, previous.nextRetryMs())
        && Objects.equals(gap, previous.gap())) {
      return;
    }
    Instant since = next == state ? previous.since() : clock.instant();
    Body body =
        new Body(
            next,
            since,
            reason,
            fc,
            c,
            attempt,
            nextRetryMs,
            gap == null ? null : gap.copy(),
            expiry(tokens.get()),
            tokenRefreshedAt);
    ConnectionState old = state;
    status = body;
    state = next;
    if (old != next) {
      LOG.info("[{}/{}] state {} -> {}", vendor, account, old.wireName(), next.wireName());
    }
    publish(body);
  }

  private void publish(Body body) {
    if (publisher != null) {
      publisher.publishStatus(body.toJson(vendor, account));
    }
  }

  private static Instant expiry(AccessToken token) {
    return token == null ? null : token.expiresAt();
  }
}
