package io.cloudbus.journal;

import java.time.Duration;

/** The one bound of every wait in this module's tests: generous, the machine is busy. */
final class Patience {

  static final Duration PATIENT = Duration.ofMinutes(2);
  static final long PATIENT_SECONDS = PATIENT.toSeconds();

  private Patience() {}
}
