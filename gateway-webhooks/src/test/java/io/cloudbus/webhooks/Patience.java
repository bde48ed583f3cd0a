package io.cloudbus.webhooks;

import java.time.Duration;

/** The one bound for waits in this test tree (order, never speed; class timeouts stay above). */
public final class Patience {

  public static final Duration PATIENT = Duration.ofMinutes(2);
  public static final long PATIENT_SECONDS = PATIENT.toSeconds();

  private Patience() {}
}
