package io.cloudbus.client.impl;

import java.util.function.Consumer;

/**
 * Where a subscription resumes after a reconnect: the highest journal position the client was given
 * (an event's {@code position}, or the {@code position} of the {@code subscribed} answer, the
 * journal's latest when the subscription started). A position that is not a number (the service
 * calls it opaque) replaces the previous one.
 *
 * <p>Thread-safe.
 */
public final class ResumePoint {

  private final Consumer<String> resubscribeWithout;
  private String position;
  private long numeric = -1;
  private boolean resuming;

  /** {@code resubscribeWithout}: subscribes again live, when the service refused the position. */
  public ResumePoint(Consumer<String> resubscribeWithout) {
    this.resubscribeWithout = resubscribeWithout;
  }

  /** Records a position given to the client (null: none, ignored). */
  public synchronized void delivered(String p) {
    if (p == null) {
      return;
    }
    long n;
    try {
      n = Long.parseLong(p);
    } catch (NumberFormatException e) {
      position = p;
      numeric = -1;
      return;
    }
    if (numeric < 0 || n > numeric) {
      numeric = n;
      position = p;
    }
  }

  /** The position to resume after (null: none yet), and that a resume is being attempted. */
  public synchronized String resumeFrom() {
    resuming = position != null;
    return position;
  }

  /** Forgets the position (a new subscription starts from now). */
  public synchronized void reset() {
    position = null;
    numeric = -1;
    resuming = false;
  }

  /**
   * The service refused a {@code since}: if it was our resume, forget the position, hand it to
   * {@code before}, then subscribe again without it (true: handled).
   */
  public boolean sinceRejected(Consumer<String> before) {
    String rejected;
    synchronized (this) {
      if (!resuming) {
        return false;
      }
      rejected = position;
      reset();
    }
    before.accept(rejected);
    resubscribeWithout.accept(null);
    return true;
  }
}
