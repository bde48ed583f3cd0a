package io.cloudbus.core.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.StatusCode;
import io.cloudbus.core.util.Futures;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link SocketSupervisor} does after a failed attempt or a lost connection: stop on a
 * configuration error; try one token refresh (or re-login) after the vendor refused the token;
 * otherwise ask the {@link RetryPolicy} for the next delay, publish it in the status and schedule
 * the next attempt; after a traffic guard trip, wait out the cool-down. Holds the retry timer and
 * the backoff state.
 *
 * <p>Confined to the socket's event-loop context, like its supervisor. Not thread-safe.
 */
final class FailureHandler {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  /** The supervisor's side. */
  interface Host {
    boolean stopped();

    boolean supervising();

    /** Stops the socket for good, with why. */
    void stop(FailureClass failureClass, StatusCode code, String reason);

    /** Starts a connection attempt now. */
    void connect();
  }

  private final String label;
  private final AuthHandler auth;
  private final RetryPolicy retry;
  private final StatusTracker status;
  private final TimerScheduler timers;
  private final Context context;
  private final Host host;
  private boolean authRecoveryTried;
  private long retryTimer = -1;

  /**
   * @param auth the socket's auth handler, or null when the vendor needs none
   */
  FailureHandler(
      CloudSocketOptions options,
      AuthHandler auth,
      StatusTracker status,
      TimerScheduler timers,
      Context context,
      Host host) {
    this.label = options.label();
    this.auth = auth;
    this.retry = new RetryPolicy(options);
    this.status = status;
    this.timers = timers;
    this.context = context;
    this.host = host;
  }

  /** See {@link CloudSocket#runForever(java.time.Duration)}: the initial delay, in ms. */
  void increment(long incrementMs) {
    retry.increment(incrementMs);
  }

  /** A connection is up: a later refused token gets its one refresh again. */
  void connected() {
    authRecoveryTried = false;
    retry.connected();
  }

  /** The connection stayed up for {@code stableAfterMs}: the backoff starts over. */
  void stable() {
    retry.connectionStable();
  }

  /**
   * Handles one failure.
   *
   * @param token the token the failed attempt or connection used, or null
   */
  void onFailure(Throwable cause, AccessToken token) {
    FailureClass fc = CloudbusException.classify(cause);
    String reason = statusReason(cause.getMessage());
    if (host.stopped()) {
      return;
    }
    StatusCode code = StatusCode.of(cause);
    if (fc == FailureClass.CONFIGURATION) {
      LOG.error("[{}] configuration error, stopping: {}", label, reason);
      host.stop(FailureClass.CONFIGURATION, code, reason);
      return;
    }
    if (!host.supervising()) {
      status.set(
          fc == FailureClass.AUTH ? ConnectionState.AUTH_FAILED : ConnectionState.OFFLINE,
          fc,
          code,
          reason,
          null,
          null);
      return;
    }
    if (fc == FailureClass.AUTH && auth != null && token != null && !authRecoveryTried) {
      // One refresh (or re-login) before giving up: the token may just have expired early.
      authRecoveryTried = true;
      LOG.info("[{}] token refused; refreshing once before retrying", label);
      Futures.continueOn(context, auth.tokenRejected(token))
          .onComplete(
              ar -> {
                if (!host.supervising() || host.stopped()) {
                  return;
                }
                if (ar.succeeded()) {
                  host.connect();
                } else {
                  onFailure(ar.cause(), null);
                }
              });
      return;
    }
    // The slow auth_failed retry gets its own one refresh again.
    authRecoveryTried = false;
    RetryPolicy.Decision d = retry.onFailure(cause);
    LOG.info("[{}] {}: next try in {} ms: {}", label, d.failureClass(), d.delayMs(), reason);
    status.set(d.state(), d.failureClass(), code, reason, d.attempt(), d.delayMs());
    schedule(d.delayMs());
  }

  /**
   * A failure message as a status reason: without the log context ({@code [vendor/account#3] })
   * that exception messages start with, since the status already names the account.
   */
  static String statusReason(String message) {
    if (message == null) {
      return null;
    }
    return message.replaceFirst("^\\[[^\\]\\s]{1,200}\\] ", "");
  }

  /**
   * The traffic guard tripped: no attempt before {@code delayMs}, then a normal connection attempt.
   * Without supervision there is no next attempt and the state is {@code offline}.
   *
   * @param reason why, naming the rate; the status reason adds the cool-down
   */
  void coolDown(String reason, long delayMs) {
    if (host.stopped()) {
      return;
    }
    if (!host.supervising()) {
      status.set(
          ConnectionState.OFFLINE,
          FailureClass.RATE_LIMITED,
          StatusCode.TRAFFIC_GUARD,
          reason,
          null,
          null);
      return;
    }
    String why = reason + "; reconnecting after a " + delayMs + " ms cool-down";
    LOG.info("[{}] {}", label, why);
    status.set(
        ConnectionState.BACKOFF,
        FailureClass.RATE_LIMITED,
        StatusCode.TRAFFIC_GUARD,
        why,
        null,
        delayMs);
    schedule(delayMs);
  }

  private void schedule(long delayMs) {
    cancel();
    retryTimer =
        timers.schedule(
            TimerScheduler.RECONNECT,
            delayMs,
            () -> {
              retryTimer = -1;
              if (host.supervising() && !host.stopped()) {
                host.connect();
              }
            });
  }

  /** Cancels the scheduled attempt, if any. */
  void cancel() {
    if (retryTimer >= 0) {
      timers.cancel(retryTimer);
      retryTimer = -1;
    }
  }
}
