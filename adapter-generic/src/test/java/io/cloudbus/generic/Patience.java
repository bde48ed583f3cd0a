package io.cloudbus.generic;

import java.time.Duration;

/**
 * The one bound for waits in this test tree. A wait is for something that must happen (a frame
 * received, a connection counted, an account connected), so its bound only has to end a test that
 * is really stuck; the class {@code @Timeout}s stay above it. It is generous on purpose: CI runs on
 * a developer's busy machine, and a test must assume order, never speed.
 */
public final class Patience {

  /** How long a test waits for something that must happen. */
  public static final Duration PATIENT = Duration.ofMinutes(2);

  /** {@link #PATIENT} in seconds, for {@code Future.await(long, TimeUnit)} and the like. */
  public static final long PATIENT_SECONDS = PATIENT.toSeconds();

  private Patience() {}
}
