package io.cloudbus.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A classified failure. Messages never contain secrets (tokens, passwords, codes): build them from
 * field names and HTTP statuses only.
 */
public class CloudbusException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final FailureClass failureClass;
  private final transient Duration retryAfter;
  private StatusCode code;

  public CloudbusException(FailureClass failureClass, String message) {
    this(failureClass, message, null, null);
  }

  public CloudbusException(
      FailureClass failureClass, String message, Throwable cause, Duration retryAfter) {
    super(message, cause);
    this.failureClass = Objects.requireNonNull(failureClass, "failureClass");
    this.retryAfter = retryAfter;
  }

  public static CloudbusException auth(String message) {
    return new CloudbusException(FailureClass.AUTH, message);
  }

  public static CloudbusException configuration(String message) {
    return new CloudbusException(FailureClass.CONFIGURATION, message);
  }

  public static CloudbusException rateLimited(String message, Duration retryAfter) {
    return new CloudbusException(FailureClass.RATE_LIMITED, message, null, retryAfter);
  }

  public static CloudbusException transientFailure(String message, Throwable cause) {
    return new CloudbusException(FailureClass.TRANSIENT, message, cause, null);
  }

  /** The class of a failure: a {@link CloudbusException}'s own, else {@code TRANSIENT}. */
  public static FailureClass classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CloudbusException ce) {
        return ce.failureClass();
      }
    }
    return FailureClass.TRANSIENT;
  }

  public FailureClass failureClass() {
    return failureClass;
  }

  /**
   * The status code this failure reports, or null for the default of its class ({@link
   * StatusCode#of(Throwable)}).
   */
  public StatusCode code() {
    return code;
  }

  /** Sets the status code this failure reports; returns this. */
  public CloudbusException withCode(StatusCode code) {
    this.code = code;
    return this;
  }

  /** A delay the vendor asked for (e.g. a Retry-After header), if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
