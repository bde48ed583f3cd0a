package io.cloudbus.core.impl;

import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Future;
import java.util.function.LongSupplier;

/**
 * Runs a {@link KeepalivePolicy} on one connection: WebSocket pings at an interval, a silence
 * watchdog (any inbound frame, pings and pongs included, proves the link alive), and application
 * pings that must be answered within a timeout. A dead link is reported once through {@link
 * Link#dead(String)}.
 *
 * <p>Confined to the socket's context (not thread-safe). Times in milliseconds.
 */
public final class Keepalive {

  /** What the keepalive needs from the connection. */
  public interface Link {
    /** Writes a WebSocket ping frame. */
    Future<Void> ping();

    /** Sends the application ping; succeeds when its reply arrived within the policy's timeout. */
    Future<Void> appPing();

    /** The link is dead: close it and reconnect. Called at most once. */
    void dead(String reason);

    /**
     * Whether reading from the link is held now (flow control): silence and unanswered pings then
     * prove nothing.
     */
    default boolean held() {
      return false;
    }
  }

  private final KeepalivePolicy policy;
  private final TimerScheduler timers;
  private final Link link;
  private final LongSupplier nowMs;
  private long lastInbound;
  private long pingTimer = -1;
  private long watchdogTimer = -1;
  private long appPingTimer = -1;
  private boolean stopped;

  /**
   * @param nowMs a monotonic millisecond clock
   */
  public Keepalive(KeepalivePolicy policy, TimerScheduler timers, Link link, LongSupplier nowMs) {
    this.policy = policy;
    this.timers = timers;
    this.link = link;
    this.nowMs = nowMs;
  }

  /** Starts the timers the policy asks for. */
  public void start() {
    lastInbound = nowMs.getAsLong();
    if (policy.pingIntervalMs() > 0) {
      schedulePing();
    }
    if (policy.silenceTimeoutMs() > 0) {
      scheduleWatchdog(policy.silenceTimeoutMs());
    }
    if (policy.appPingIntervalMs() > 0) {
      scheduleAppPing();
    }
  }

  /** Any inbound frame: resets the silence watchdog. */
  public void inbound() {
    lastInbound = nowMs.getAsLong();
  }

  /** Cancels every timer; no further callbacks. */
  public void stop() {
    stopped = true;
    cancel(pingTimer);
    cancel(watchdogTimer);
    cancel(appPingTimer);
    pingTimer = watchdogTimer = appPingTimer = -1;
  }

  private void schedulePing() {
    pingTimer =
        timers.schedule(
            TimerScheduler.KEEPALIVE,
            policy.pingIntervalMs(),
            () -> {
              if (stopped) {
                return;
              }
              // A failed write means the link is gone; the close handler reports it.
              link.ping();
              schedulePing();
            });
  }

  private void scheduleWatchdog(long delayMs) {
    watchdogTimer =
        timers.schedule(
            TimerScheduler.KEEPALIVE,
            delayMs,
            () -> {
              if (stopped) {
                return;
              }
              if (link.held()) {
                lastInbound = nowMs.getAsLong();
              }
              long silent = nowMs.getAsLong() - lastInbound;
              if (silent >= policy.silenceTimeoutMs()) {
                fail("nothing received for " + silent + " ms");
              } else {
                scheduleWatchdog(policy.silenceTimeoutMs() - silent);
              }
            });
  }

  private void scheduleAppPing() {
    appPingTimer =
        timers.schedule(
            TimerScheduler.KEEPALIVE,
            policy.appPingIntervalMs(),
            () -> {
              if (stopped) {
                return;
              }
              if (link.held()) {
                scheduleAppPing();
                return;
              }
              link.appPing()
                  .onComplete(
                      ar -> {
                        if (stopped) {
                          return;
                        }
                        if (ar.failed() && !link.held()) {
                          fail(
                              "no reply to the application ping within "
                                  + policy.appPingTimeoutMs()
                                  + " ms");
                        } else {
                          scheduleAppPing();
                        }
                      });
            });
  }

  private void fail(String reason) {
    if (!stopped) {
      stop();
      link.dead(reason);
    }
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      timers.cancel(timer);
    }
  }
}
