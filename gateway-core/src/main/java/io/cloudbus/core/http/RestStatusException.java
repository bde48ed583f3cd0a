package io.cloudbus.core.http;

import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import java.time.Duration;

/**
 * A REST call answered with an error status: the classified failure plus the HTTP status and the
 * parsed body (so that a vendor adapter can name the vendor's own failure, e.g. SimpliSafe's {@code
 * {"type":"NoRemoteManagement"}}). The message holds the method, the URL without query and the
 * status only; the body is never part of it.
 */
public class RestStatusException extends CloudbusException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Object body;

  public RestStatusException(
      FailureClass failureClass, String message, Duration retryAfter, int status, Object body) {
    super(failureClass, message, null, retryAfter);
    this.status = status;
    this.body = body;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The parsed JSON body (object, array, string, number), or null when it was not JSON. */
  public Object body() {
    return body;
  }
}
