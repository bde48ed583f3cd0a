package io.cloudbus.mock;

/**
 * Answers one REST call of a vendor emulation. Runs on the mock cloud's event-loop context and must
 * not block. A thrown exception becomes a 500 with {@code {"error":"internal mock error"}} and is
 * logged; returning {@code null} is treated the same way.
 */
@FunctionalInterface
public interface RestHandler {
  /** Returns the response to {@code request}. */
  MockResponse handle(MockRequest request);
}
