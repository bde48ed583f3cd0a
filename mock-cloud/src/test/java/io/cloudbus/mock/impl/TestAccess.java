package io.cloudbus.mock.impl;

/** Package-private constants for tests in other packages. */
public final class TestAccess {
  private TestAccess() {}

  public static String malformedFrame() {
    return MockSocketImpl.MALFORMED_FRAME;
  }
}
