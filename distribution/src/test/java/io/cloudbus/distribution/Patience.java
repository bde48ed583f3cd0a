package io.cloudbus.distribution;

import java.time.Duration;

/**
 * The one bound for waits in this test tree: it only has to end a test that is really stuck (the
 * machine is busy; a test assumes order, never speed). The class {@code @Timeout}s stay above it.
 */
public final class Patience {

  /** How long a test waits for something that must happen. */
  public static final Duration PATIENT = Duration.ofMinutes(2);

  /** {@link #PATIENT} in seconds. */
  public static final long PATIENT_SECONDS = PATIENT.toSeconds();

  private Patience() {}
}
