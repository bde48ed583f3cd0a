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
 * <p>The pings and the watchdog share one timer, due at the earlier of the two (a Vert.x timer is
 * about 180 B per idle socket). Confined to the socket's context (not thread-safe). Times in
 * milliseconds.
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

  /** The timer of the pings and the watchdog, or -1. */
  private long frameTimer = -1;

  /** What {@link #frameTimer} is due for: the earlier of the two times below. */
  private long frameDue;

  private long nextPingAt;
  private long watchdogAt;
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
    long now = nowMs.getAsLong();
    lastInbound = now;
    nextPingAt = now + policy.pingIntervalMs();
    watchdogAt = now + policy.silenceTimeoutMs();
    scheduleFrames(now);
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
    cancel(frameTimer);
    cancel(appPingTimer);
    frameTimer = appPingTimer = -1;
  }

  /** Schedules the frame timer for the next ping or watchdog check, whichever comes first. */
  private void scheduleFrames(long now) {
    boolean pings = policy.pingIntervalMs() > 0;
    boolean watchdog = policy.silenceTimeoutMs() > 0;
    if (!pings && !watchdog) {
      return;
    }
    long due =
        pings && watchdog ? Math.min(nextPingAt, watchdogAt) : pings ? nextPingAt : watchdogAt;
    frameDue = due;
    frameTimer = timers.schedule(TimerScheduler.KEEPALIVE, Math.max(1, due - now), this::onFrames);
  }

  private void onFrames() {
    frameTimer = -1;
    if (stopped) {
      return;
    }
    // the timer is authoritative for what it was due for, even if the clock reads a little less
    long now = Math.max(nowMs.getAsLong(), frameDue);
    if (link.held()) {
      // reading is held (flow control): silence proves nothing, it counts from the release
      lastInbound = now;
    }
    if (policy.silenceTimeoutMs() > 0 && now >= watchdogAt) {
      long silent = now - lastInbound;
      if (silent >= policy.silenceTimeoutMs()) {
        fail("nothing received for " + silent + " ms");
        return;
      }
      watchdogAt = now + policy.silenceTimeoutMs() - silent;
    }
    if (policy.pingIntervalMs() > 0 && now >= nextPingAt) {
      // A failed write means the link is gone; the close handler reports it.
      link.ping();
      nextPingAt = now + policy.pingIntervalMs();
    }
    if (!stopped) {
      scheduleFrames(now);
    }
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
